package org.popsurvey.stack.component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.popsurvey.stack.process.ReadinessCheck;
import org.popsurvey.stack.process.StackException;

/** Ready when {@code GET <url>/subjects} of the Confluent-compatible API answers 200. */
final class RegistryProbe implements ReadinessCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient client;
    private final URI subjects;
    private final Optional<String> authorization;

    RegistryProbe(String confluentApiUrl, Optional<RegistrySecurity> security) {
        this.subjects = URI.create(confluentApiUrl + "/subjects");
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        security.ifPresent(secured -> builder.sslContext(trusting(secured)));
        this.client = builder.build();
        this.authorization = security.map(RegistrySecurity::authorization);
    }

    /** Trusts only the CA in the registry's truststore. */
    private static SSLContext trusting(RegistrySecurity security) {
        try (InputStream in = Files.newInputStream(security.truststore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, security.truststorePassword().toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new StackException("Cannot read the truststore " + security.truststore() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isReady() throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(subjects).timeout(TIMEOUT).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status != 200) {
            throw new IllegalStateException("GET " + subjects + " answered HTTP " + status);
        }
        return true;
    }
}
