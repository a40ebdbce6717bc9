package org.popsurvey.stack.component;

import java.util.List;
import java.util.Map;

/**
 * What a secured broker adds to the plain one: server settings that replace the defaults (the
 * listeners among them), arguments for the storage formatter (the bootstrap super user's SCRAM
 * credential, kept off the command line), and the client settings its readiness probe needs.
 *
 * @param serverConfig     broker settings that override {@link KafkaBrokerProcess}'s own
 * @param secretFormatArgs extra {@code kafka-storage format} arguments, passed in a file readable by its owner only
 * @param probeConfig      Kafka client settings (security) for the readiness and status checks
 */
public record BrokerSecurity(
        Map<String, String> serverConfig, List<String> secretFormatArgs, Map<String, Object> probeConfig) {

    public BrokerSecurity {
        serverConfig = Map.copyOf(serverConfig);
        secretFormatArgs = List.copyOf(secretFormatArgs);
        probeConfig = Map.copyOf(probeConfig);
    }
}
