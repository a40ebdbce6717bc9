package org.popsurvey.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.stack.secure.SecureStack;
import org.popsurvey.stack.secure.TlsMaterial;

/**
 * The client's TLS (truststore, mutual TLS keystore) and bearer-token settings, and its 401/403
 * lines, against an HTTPS server of the JDK on loopback whose certificates the secured stack's
 * own code makes (a CA, a server and a client key). The real HTTPS registry is in SecurePipelineIT.
 */
class RegistryTlsAndTokenTest {

    private static final String ANSWER = "{\"schema\":\"\\\"string\\\"\"}";

    @TempDir
    static Path stateDir;

    private static TlsMaterial tls;

    private HttpsServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> clientCertificates = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        SecureStack secure = SecureStack.generate(stateDir);
        secure.writeFiles(1);
        tls = secure.tls();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void trustsTheRegistryThroughTheConfiguredTruststoreAndSendsBasicAuth() throws Exception {
        String url = serve(false, 200, ANSWER);
        SchemaRegistryClient client = SchemaRegistryClient.fromConfig(withTruststore(Map.of(
                "schema.registry.url", url,
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "alice:pw")));

        assertThat(client.schemaById(7).getType().getName()).isEqualTo("string");
        assertThat(authorizations).containsExactly("Basic YWxpY2U6cHc=");
    }

    @Test
    void withoutTheTruststoreTheRegistrysCertificateIsNotTrusted() throws Exception {
        String url = serve(false, 200, ANSWER);
        SchemaRegistryClient client =
                SchemaRegistryClient.fromConfig(Map.of("schema.registry.url", url, "max.retries", "0"));

        assertThatThrownBy(() -> client.schemaById(7))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("SSLHandshakeException");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void presentsTheKeystoresCertificateToARegistryThatRequiresMutualTls() throws Exception {
        String url = serve(true, 200, ANSWER);
        Map<String, Object> config = withTruststore(Map.of("schema.registry.url", url, "max.retries", "0"));
        config.put("schema.registry.ssl.keystore.location", tls.clientKeystore().toString());
        config.put("schema.registry.ssl.keystore.password", tls.keystorePassword());
        config.put("schema.registry.ssl.keystore.type", "PKCS12");

        assertThat(SchemaRegistryClient.fromConfig(config)
                        .schemaById(7)
                        .getType()
                        .getName())
                .isEqualTo("string");
        assertThat(clientCertificates).containsExactly("CN=popsurvey-stack-client");

        SchemaRegistryClient withoutKey =
                SchemaRegistryClient.fromConfig(withTruststore(Map.of("schema.registry.url", url, "max.retries", "0")));
        assertThatThrownBy(() -> withoutKey.schemaById(8)).isInstanceOf(SchemaRegistryUnavailableException.class);
    }

    @Test
    void aStaticBearerTokenIsSentAsTheAuthorization() throws Exception {
        String url = serve(false, 200, ANSWER);
        SchemaRegistryClient client = SchemaRegistryClient.fromConfig(withTruststore(Map.of(
                "schema.registry.url", url,
                "bearer.auth.credentials.source", "STATIC_TOKEN",
                "bearer.auth.token", "eyJ.token.sig")));

        client.schemaById(7);
        assertThat(authorizations).containsExactly("Bearer eyJ.token.sig");
    }

    @Test
    void aBearerTokenAndBasicCredentialsTogetherOrATokenSourceWithoutTokenAreRefused() {
        assertThatThrownBy(() -> SchemaRegistryClient.fromConfig(Map.of(
                        "schema.registry.url", "https://127.0.0.1:1",
                        "bearer.auth.credentials.source", "STATIC_TOKEN",
                        "bearer.auth.token", "t",
                        "basic.auth.credentials.source", "USER_INFO",
                        "basic.auth.user.info", "alice:pw")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("keep one")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> SchemaRegistryClient.fromConfig(Map.of(
                        "schema.registry.url",
                        "https://127.0.0.1:1",
                        "bearer.auth.credentials.source",
                        "STATIC_TOKEN")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bearer.auth.token");
    }

    @Test
    void aWrongTruststorePasswordNamesTheFileButNotThePassword() {
        Map<String, Object> config = new HashMap<>(Map.of(
                "schema.registry.url", "https://127.0.0.1:1",
                "schema.registry.ssl.truststore.location", tls.truststore().toString(),
                "schema.registry.ssl.truststore.password", "wrong-secret",
                "schema.registry.ssl.truststore.type", "PKCS12"));
        assertThatThrownBy(() -> SchemaRegistryClient.fromConfig(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(tls.truststore().toString())
                .hasMessageNotContaining("wrong-secret");
    }

    @Test
    void refusalsAreOneLineNamingTheUrlAndThePrincipalButNotThePassword() throws Exception {
        String url = serve(false, 401, "");
        SchemaRegistryClient client = SchemaRegistryClient.fromConfig(withTruststore(Map.of(
                "schema.registry.url", url,
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "alice:s3cret-pw")));
        assertThatThrownBy(() -> client.schemaById(7))
                .isInstanceOf(SchemaRegistryAccessDeniedException.class)
                .hasMessageContaining(url + "/schemas/ids/7")
                .hasMessageContaining("user 'alice'")
                .hasMessageContaining("401")
                .hasMessageNotContaining("s3cret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        server.stop(0);
        String forbidden = serve(
                false,
                403,
                "{\"error_code\":403,\"message\":\"User alice is not authorized to perform the requested\\n"
                        + "operation.\"}");
        SchemaRegistryClient reader = SchemaRegistryClient.fromConfig(withTruststore(Map.of(
                "schema.registry.url", forbidden,
                "bearer.auth.credentials.source", "STATIC_TOKEN",
                "bearer.auth.token", "tok-secret")));
        assertThatThrownBy(() -> reader.schemaById(7))
                .isInstanceOf(SchemaRegistryAccessDeniedException.class)
                .hasMessageContaining(forbidden)
                .hasMessageContaining("a bearer token")
                .hasMessageContaining("403")
                .hasMessageContaining("not authorized to perform the requested operation")
                .hasMessageNotContaining("tok-secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static Map<String, Object> withTruststore(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.put("schema.registry.ssl.truststore.location", tls.truststore().toString());
        all.put("schema.registry.ssl.truststore.password", tls.truststorePassword());
        all.put("schema.registry.ssl.truststore.type", "PKCS12");
        return all;
    }

    private String serve(boolean needClientAuth, int status, String answer) throws Exception {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext()) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            try {
                var peers = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
                clientCertificates.add(
                        ((X509Certificate) peers[0]).getSubjectX500Principal().getName());
            } catch (javax.net.ssl.SSLPeerUnverifiedException noClientCertificate) {
                // one-way TLS
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    private static SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(
                load(tls.serverKeystore(), tls.keystorePassword()),
                tls.keystorePassword().toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(tls.truststore(), tls.truststorePassword()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file, String password) throws IOException, Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
