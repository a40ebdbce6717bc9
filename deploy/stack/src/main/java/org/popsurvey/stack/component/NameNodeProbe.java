package org.popsurvey.stack.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the NameNode's state from its JMX servlet ({@code FSNamesystemState}): whether it is out
 * of safe mode, and how many DataNodes have registered with free capacity.
 */
final class NameNodeProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI jmx;

    NameNodeProbe(int httpPort) {
        this.jmx = URI.create(
                "http://" + Ports.HOST + ":" + httpPort + "/jmx?qry=Hadoop:service=NameNode,name=FSNamesystemState");
    }

    /** Out of safe mode: the namespace accepts writes. */
    boolean operational() throws Exception {
        return "Operational".equals(state().path("FSState").asText());
    }

    /** At least one DataNode is registered and has reported free space, so a write can succeed. */
    boolean dataNodeLive() throws Exception {
        JsonNode state = state();
        return state.path("NumLiveDataNodes").asInt() >= 1
                && state.path("CapacityRemaining").asLong() > 0;
    }

    /** DataNodes registered and alive now. */
    int liveDataNodes() throws Exception {
        return state().path("NumLiveDataNodes").asInt();
    }

    private JsonNode state() throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(jmx).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + jmx + " answered HTTP " + response.statusCode());
        }
        JsonNode beans = JSON.readTree(response.body()).path("beans");
        if (beans.isEmpty()) {
            throw new IllegalStateException("GET " + jmx + " returned no FSNamesystemState yet");
        }
        return beans.get(0);
    }
}
