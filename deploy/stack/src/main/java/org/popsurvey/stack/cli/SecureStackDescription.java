package org.popsurvey.stack.cli;

import java.io.PrintWriter;
import org.popsurvey.stack.secure.Principal;
import org.popsurvey.stack.secure.SecureStack;

/** What {@code stack up --secure} prints: where each principal's client settings are; never a password. */
final class SecureStackDescription {

    private SecureStackDescription() {}

    static void print(SecureStack secure, PrintWriter out) {
        out.println("Secured: SASL_SSL (SCRAM-SHA-512) and ACLs on the broker, HTTPS with users on the registry.");
        out.println("Client settings, one file per principal (pass with --config; passwords inside, owner-only):");
        for (Principal principal : Principal.values()) {
            out.printf("  %-13s %s%n", principal.userName(), secure.clientConfig(principal));
        }
        out.println("  CA truststore: " + secure.tls().truststore());
    }
}
