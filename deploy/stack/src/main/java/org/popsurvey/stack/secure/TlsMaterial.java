package org.popsurvey.stack.secure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The secured stack's certificates, made with the JDK's keytool: a certificate authority of the
 * stack's own, a server key pair it signs (for 127.0.0.1 and localhost, used by the broker and
 * the registry), a client key pair it signs (for mutual TLS), and a truststore holding the CA
 * certificate for every client. PKCS12 throughout; each store has its own generated password.
 *
 * @param truststore         the CA certificate, for clients (and the broker's controller listener)
 * @param serverKeystore     the broker's and the registry's key and certificate chain
 * @param clientKeystore     a client key and certificate chain ({@value #CLIENT_DN}), for mutual TLS
 * @param truststorePassword password of {@code truststore}
 * @param keystorePassword   password of both key stores (and of their keys, as PKCS12 wants)
 */
public record TlsMaterial(
        Path truststore, Path serverKeystore, Path clientKeystore, String truststorePassword, String keystorePassword) {

    public static final String STORE_TYPE = "PKCS12";
    /** The broker's certificate subject: on the mutual-TLS controller listener it is the broker's principal. */
    public static final String SERVER_DN = "CN=popsurvey-stack-server";

    static final String CLIENT_DN = "CN=popsurvey-stack-client";
    private static final String CA_DN = "CN=popsurvey-stack-ca";
    private static final String VALIDITY_DAYS = "825";
    private static final String CA_PASS_ENV = "POPSURVEY_CA_PASS";
    private static final String KEY_PASS_ENV = "POPSURVEY_KEYSTORE_PASS";
    private static final String TRUST_PASS_ENV = "POPSURVEY_TRUSTSTORE_PASS";

    /** Generates a new CA in {@code dir} and the stores of {@code material} it signs. */
    static void generate(Path dir, TlsMaterial material) {
        Keytool keytool = new Keytool(dir);
        Map<String, String> secrets = Map.of(
                CA_PASS_ENV, Passwords.generate(),
                KEY_PASS_ENV, material.keystorePassword,
                TRUST_PASS_ENV, material.truststorePassword);
        String ca = "ca.p12";
        keytool.run(
                List.of(
                        "-genkeypair",
                        "-keystore",
                        ca,
                        "-storetype",
                        STORE_TYPE,
                        "-storepass:env",
                        CA_PASS_ENV,
                        "-alias",
                        "ca",
                        "-dname",
                        CA_DN,
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        VALIDITY_DAYS,
                        "-ext",
                        "bc:c"),
                secrets);
        keytool.run(
                List.of(
                        "-exportcert",
                        "-keystore",
                        ca,
                        "-storepass:env",
                        CA_PASS_ENV,
                        "-alias",
                        "ca",
                        "-rfc",
                        "-file",
                        "ca.pem"),
                secrets);
        keytool.run(
                List.of(
                        "-importcert",
                        "-noprompt",
                        "-keystore",
                        material.truststore.toString(),
                        "-storetype",
                        STORE_TYPE,
                        "-storepass:env",
                        TRUST_PASS_ENV,
                        "-alias",
                        "ca",
                        "-file",
                        "ca.pem"),
                secrets);
        signedKeyPair(
                keytool,
                secrets,
                material.serverKeystore,
                SERVER_DN,
                List.of("-ext", "SAN=ip:127.0.0.1,dns:localhost", "-ext", "EKU=serverAuth,clientAuth"));
        signedKeyPair(keytool, secrets, material.clientKeystore, CLIENT_DN, List.of("-ext", "EKU=clientAuth"));
    }

    private static void signedKeyPair(
            Keytool keytool, Map<String, String> secrets, Path keystore, String dname, List<String> extensions) {
        String store = keystore.toString();
        String request = keystore.getFileName() + ".csr";
        String certificate = keystore.getFileName() + ".pem";
        keytool.run(
                List.of(
                        "-genkeypair",
                        "-keystore",
                        store,
                        "-storetype",
                        STORE_TYPE,
                        "-storepass:env",
                        KEY_PASS_ENV,
                        "-alias",
                        "key",
                        "-dname",
                        dname,
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        VALIDITY_DAYS),
                secrets);
        keytool.run(
                List.of(
                        "-certreq",
                        "-keystore",
                        store,
                        "-storepass:env",
                        KEY_PASS_ENV,
                        "-alias",
                        "key",
                        "-file",
                        request),
                secrets);
        List<String> sign = new java.util.ArrayList<>(List.of(
                "-gencert",
                "-keystore",
                "ca.p12",
                "-storepass:env",
                CA_PASS_ENV,
                "-alias",
                "ca",
                "-infile",
                request,
                "-outfile",
                certificate,
                "-rfc",
                "-validity",
                VALIDITY_DAYS));
        sign.addAll(extensions);
        keytool.run(sign, secrets);
        keytool.run(
                List.of(
                        "-importcert",
                        "-noprompt",
                        "-keystore",
                        store,
                        "-storepass:env",
                        KEY_PASS_ENV,
                        "-alias",
                        "ca",
                        "-file",
                        "ca.pem"),
                secrets);
        keytool.run(
                List.of(
                        "-importcert",
                        "-keystore",
                        store,
                        "-storepass:env",
                        KEY_PASS_ENV,
                        "-alias",
                        "key",
                        "-file",
                        certificate),
                secrets);
    }
}
