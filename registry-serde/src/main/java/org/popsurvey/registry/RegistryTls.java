package org.popsurvey.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** The registry client's TLS context, from Java key stores named by the {@code schema.registry.ssl.*} settings. */
final class RegistryTls {

    /** A key store file and the setting that named it (for error messages; the password never appears). */
    record Store(String setting, String location, String type, String password) {

        @Override
        public String toString() {
            return setting + "=" + location;
        }
    }

    private RegistryTls() {}

    /**
     * @param truststore  trusted CAs; null for Java's default ones
     * @param keystore    this client's key and certificate (mutual TLS); null for none
     * @param keyPassword the key's password; null for the keystore's
     */
    static SSLContext context(Store truststore, Store keystore, String keyPassword) {
        try {
            TrustManagerFactory trust = null;
            if (truststore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(truststore));
            }
            KeyManagerFactory keys = null;
            if (keystore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String password = keyPassword != null ? keyPassword : keystore.password();
                keys.init(load(keystore), password == null ? null : password.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Cannot use the registry client's TLS settings (" + describe(truststore, keystore)
                    + "): " + e.getMessage());
        }
    }

    private static KeyStore load(Store store) throws GeneralSecurityException {
        Path file = Path.of(store.location());
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance(store.type());
            keyStore.load(in, store.password() == null ? null : store.password().toCharArray());
            return keyStore;
        } catch (IOException e) {
            // A wrong password shows as an IOException too: say which file, never the password.
            throw new ConfigException(
                    store.setting(),
                    store.location(),
                    "cannot read it as a " + store.type() + " key store: " + e.getMessage());
        }
    }

    private static String describe(Store truststore, Store keystore) {
        if (truststore != null && keystore != null) {
            return truststore + ", " + keystore;
        }
        return String.valueOf(truststore != null ? truststore : keystore);
    }
}
