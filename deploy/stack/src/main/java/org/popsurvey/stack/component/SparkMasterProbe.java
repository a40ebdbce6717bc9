package org.popsurvey.stack.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Spark standalone master says of its cluster, from its web UI's {@code /json} (and each
 * worker's): whether it is the active master, its workers, and the executors each worker runs.
 */
public final class SparkMasterProbe {

    /** A worker as the master lists it. */
    public record Worker(String id, int port, String webUi, String state, int cores, int coresUsed) {

        public boolean alive() {
            return "ALIVE".equals(state);
        }
    }

    /** An executor a worker runs (or ran) for an application. */
    public record Executor(String appId, int executorId, boolean running) {}

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI master;

    public SparkMasterProbe(String webUi) {
        this.master = URI.create(webUi + "/json/");
    }

    /** The master has been elected and accepts workers and applications. */
    public boolean alive() throws IOException, InterruptedException {
        return "ALIVE".equals(get(master).path("status").asText());
    }

    public List<Worker> workers() throws IOException, InterruptedException {
        List<Worker> workers = new ArrayList<>();
        for (JsonNode worker : get(master).path("workers")) {
            workers.add(new Worker(
                    worker.path("id").asText(),
                    worker.path("port").asInt(),
                    worker.path("webuiaddress").asText(),
                    worker.path("state").asText(),
                    worker.path("cores").asInt(),
                    worker.path("coresused").asInt()));
        }
        return workers;
    }

    /** Executors of every application on this worker, running ones first. */
    public List<Executor> executors(Worker worker) throws IOException, InterruptedException {
        JsonNode state = get(URI.create(worker.webUi() + "/json/"));
        List<Executor> executors = new ArrayList<>();
        for (JsonNode executor : state.path("executors")) {
            executors.add(new Executor(
                    executor.path("appid").asText(), executor.path("id").asInt(), true));
        }
        for (JsonNode executor : state.path("finishedexecutors")) {
            executors.add(new Executor(
                    executor.path("appid").asText(), executor.path("id").asInt(), false));
        }
        return executors;
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
