package org.popsurvey.deadletter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The build's version: {@code --version} of {@code validate} and {@code dlq}, and the
 * {@link DeadLetterHeaders#APPLICATION_VERSION} stamped on every dead letter, so it lives with the
 * dead-letter contract that both tools import.
 */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"popsurvey " + version()};
    }

    /** The project version Maven filtered into {@code validator-version.properties}, or "unknown". */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("validator-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
