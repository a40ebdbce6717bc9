package org.popsurvey.stack.component;

import java.nio.file.Path;
import java.util.List;

/**
 * What a secured registry adds to the plain one: JVM options (which point Quarkus at a file of
 * TLS and user settings), and how its readiness probe trusts and authenticates: HTTPS only, with
 * credentials.
 *
 * @param jvmOptions         extra options of the registry's JVM
 * @param truststore         PKCS12 store of the CA that signed the registry's certificate
 * @param truststorePassword its password
 * @param authorization      the probe's {@code Authorization} header value
 */
public record RegistrySecurity(
        List<String> jvmOptions, Path truststore, String truststorePassword, String authorization) {

    public RegistrySecurity {
        jvmOptions = List.copyOf(jvmOptions);
    }

    @Override
    public String toString() {
        return "RegistrySecurity[jvmOptions=" + jvmOptions + ", truststore=" + truststore + ", secrets hidden]";
    }
}
