package org.popsurvey.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.Topics;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.secure.Principal;
import org.popsurvey.stack.secure.SecureStack;

/**
 * {@code demo --secure}: each step runs as its own principal ({@code --config} with that
 * principal's file), the demo's own checks as {@code admin}; the contracts are registered by
 * {@code admin} up front, since on the secured registry the components only look them up. On a
 * plain stack every method leaves things as they were.
 */
final class SecureDemo {

    private final Optional<SecureStack> secure;

    SecureDemo(LocalStack stack) {
        this.secure = stack.secure();
    }

    /** {@code connection}, plus {@code --config} with {@code principal}'s file on a secured stack. */
    List<String> as(Principal principal, List<String> connection) {
        List<String> args = new ArrayList<>(connection);
        secure.ifPresent(
                s -> args.addAll(List.of("--config", s.clientConfig(principal).toString())));
        return args;
    }

    /** Kafka client security settings of the demo's own checks (topic set-up, counts). */
    Map<String, Object> adminClientSecurity() {
        return new LinkedHashMap<>(
                secure.map(s -> s.kafkaClientConfig(Principal.ADMIN)).orElse(Map.of()));
    }

    /** On a secured stack, registers the raw and clean contracts as admin (the platform team's step). */
    void registerContracts() {
        secure.ifPresent(s -> {
            SchemaRegistryClient registry =
                    SchemaRegistryClient.fromConfig(ClientFiles.load(s.clientConfig(Principal.ADMIN)));
            registry.register(Topics.RAW + "-value", RawPopulationRow.getClassSchema());
            registry.register(Topics.CLEAN + "-value", PopulationRecord.getClassSchema());
        });
    }

    /** How to reach the secured stack while the demo runs: one file per principal, no password. */
    void describe(PrintWriter out) {
        secure.ifPresent(s -> {
            out.println("Secured stack: SASL_SSL (SCRAM-SHA-512) with ACLs, registry over HTTPS with users. "
                    + "Client settings per principal (--config FILE):");
            for (Principal principal : Principal.values()) {
                out.printf("  %-13s %s%n", principal.userName(), s.clientConfig(principal));
            }
        });
    }
}
