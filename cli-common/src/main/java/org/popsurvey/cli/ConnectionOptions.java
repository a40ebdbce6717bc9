package org.popsurvey.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Connection options of every command that talks to Kafka (picocli mixin). Precedence: an option
 * given on the command line, then the {@code --config} file, then the default. The file's other
 * properties (security settings and the like) are passed through untouched to every Kafka client
 * and serde, as Kafka's own tools do with {@code --command-config}, except the settings
 * {@link RefusedSettings} lists (they would break the accounting): those are a usage error.
 */
public final class ConnectionOptions {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://127.0.0.1:8081/apis/ccompat/v7";

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: " + DEFAULT_BOOTSTRAP_SERVERS + ").")
    String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            paramLabel = "URL",
            description = "Confluent-compatible schema registry URL (default: " + DEFAULT_SCHEMA_REGISTRY_URL + ").")
    String schemaRegistryUrl;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file of extra client settings (security and the like), passed through "
                    + "to every Kafka client and the registry client.")
    Path configFile;

    /** File properties, then bootstrap.servers and schema.registry.url resolved by precedence. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new LinkedHashMap<>(fileProperties());
        config.put(
                BOOTSTRAP_SERVERS, resolve(bootstrapServers, config.get(BOOTSTRAP_SERVERS), DEFAULT_BOOTSTRAP_SERVERS));
        config.put(
                SCHEMA_REGISTRY_URL,
                resolve(schemaRegistryUrl, config.get(SCHEMA_REGISTRY_URL), DEFAULT_SCHEMA_REGISTRY_URL));
        return config;
    }

    public String bootstrapServers() {
        return (String) clientConfig().get(BOOTSTRAP_SERVERS);
    }

    public String schemaRegistryUrl() {
        return (String) clientConfig().get(SCHEMA_REGISTRY_URL);
    }

    private Map<String, String> fileProperties() {
        Map<String, String> result = new LinkedHashMap<>();
        if (configFile == null) {
            return result;
        }
        if (!Files.isRegularFile(configFile)) {
            throw new CommandFailedException(
                    "Config file not found: " + configFile.toAbsolutePath() + " (given with --config)");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(configFile)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandFailedException(
                    "Cannot read config file " + configFile.toAbsolutePath() + ": " + e.getMessage());
        }
        properties.stringPropertyNames().forEach(name -> result.put(name, properties.getProperty(name)));
        RefusedSettings.check(result, "--config " + configFile);
        return result;
    }

    private static String resolve(String fromCommandLine, Object fromFile, String fallback) {
        if (fromCommandLine != null) {
            return fromCommandLine;
        }
        return fromFile != null ? fromFile.toString() : fallback;
    }
}
