package org.popsurvey.registry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.popsurvey.cli.RedactedUrl;

/**
 * How to reach the schema registry. Names are Confluent's, so an existing client configuration
 * file works unchanged. Declared once here, parsed once into typed accessors.
 */
public class RegistryClientConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";

    /** Credentials come from the URL's user-info part (http://user:pass@host), as in Confluent. */
    public static final String CREDENTIALS_FROM_URL = "URL";
    /** Credentials come from {@value #BASIC_AUTH_USER_INFO} ("user:password"). */
    public static final String CREDENTIALS_FROM_USER_INFO = "USER_INFO";
    /** The bearer token is {@value #BEARER_AUTH_TOKEN} itself (Confluent's only source without its own jars). */
    public static final String TOKEN_FROM_STATIC_TOKEN = "STATIC_TOKEN";
    /** Confluent's default store type; Java reads PKCS12 files under this type too. */
    public static final String DEFAULT_STORE_TYPE = "JKS";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    SCHEMA_REGISTRY_URL,
                    Type.LIST,
                    ConfigDef.NO_DEFAULT_VALUE,
                    (name, value) -> {
                        if (value == null || ((List<?>) value).isEmpty()) {
                            throw new ConfigException(name, value, "at least one registry URL is required");
                        }
                        ((List<?>) value).forEach(url -> parseUrl(String.valueOf(url)));
                    },
                    Importance.HIGH,
                    "Comma-separated registry base URLs (for Apicurio: http://host:port/apis/ccompat/v7). "
                            + "Calls go to the first; on a connection failure the next is tried.")
            .define(
                    BASIC_AUTH_CREDENTIALS_SOURCE,
                    Type.STRING,
                    CREDENTIALS_FROM_URL,
                    ConfigDef.ValidString.in(CREDENTIALS_FROM_URL, CREDENTIALS_FROM_USER_INFO),
                    Importance.MEDIUM,
                    "Where HTTP basic-auth credentials come from: URL or USER_INFO.")
            .define(
                    BASIC_AUTH_USER_INFO,
                    Type.PASSWORD,
                    "",
                    Importance.MEDIUM,
                    "user:password for basic auth when " + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO.")
            .define(
                    MAX_RETRIES,
                    Type.INT,
                    3,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "Retries of a call that could not connect or got a 5xx/429 answer.")
            .define(
                    RETRIES_WAIT_MS,
                    Type.LONG,
                    1000L,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "First backoff between retries; it doubles each time.")
            .define(
                    RETRIES_MAX_WAIT_MS,
                    Type.LONG,
                    20_000L,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "Upper bound of one backoff.")
            .define(
                    HTTP_CONNECT_TIMEOUT_MS,
                    Type.INT,
                    10_000,
                    ConfigDef.Range.atLeast(1),
                    Importance.LOW,
                    "TCP connect timeout per attempt.")
            .define(
                    HTTP_READ_TIMEOUT_MS,
                    Type.INT,
                    30_000,
                    ConfigDef.Range.atLeast(1),
                    Importance.LOW,
                    "Time to wait for an answer per attempt.")
            .define(
                    BEARER_AUTH_CREDENTIALS_SOURCE,
                    Type.STRING,
                    null,
                    (name, value) -> {
                        if (value != null && !TOKEN_FROM_STATIC_TOKEN.equals(value)) {
                            throw new ConfigException(name, value, "the only supported source is STATIC_TOKEN");
                        }
                    },
                    Importance.MEDIUM,
                    "Set to STATIC_TOKEN to send " + BEARER_AUTH_TOKEN + " as an OAuth bearer token "
                            + "(Authorization: Bearer), instead of basic auth.")
            .define(
                    BEARER_AUTH_TOKEN,
                    Type.PASSWORD,
                    null,
                    Importance.MEDIUM,
                    "The bearer token when " + BEARER_AUTH_CREDENTIALS_SOURCE + "=STATIC_TOKEN.")
            .define(
                    SSL_TRUSTSTORE_LOCATION,
                    Type.STRING,
                    null,
                    Importance.MEDIUM,
                    "Truststore with the CA that signed the registry's certificate (https URLs); unset: Java's own CAs.")
            .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Password of the truststore.")
            .define(
                    SSL_TRUSTSTORE_TYPE,
                    Type.STRING,
                    DEFAULT_STORE_TYPE,
                    Importance.LOW,
                    "Truststore file format: JKS or PKCS12.")
            .define(
                    SSL_KEYSTORE_LOCATION,
                    Type.STRING,
                    null,
                    Importance.MEDIUM,
                    "Keystore with this client's key and certificate, for registries that require mutual TLS.")
            .define(SSL_KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Password of the keystore.")
            .define(
                    SSL_KEYSTORE_TYPE,
                    Type.STRING,
                    DEFAULT_STORE_TYPE,
                    Importance.LOW,
                    "Keystore file format: JKS or PKCS12.")
            .define(
                    SSL_KEY_PASSWORD,
                    Type.PASSWORD,
                    null,
                    Importance.LOW,
                    "Password of the key in the keystore; unset: the keystore's password.");

    public RegistryClientConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
    }

    /** For subclasses that add their own options on top of {@link #CONFIG_DEF}. */
    protected RegistryClientConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals, false);
    }

    public List<URI> urls() {
        return getList(SCHEMA_REGISTRY_URL).stream()
                .map(RegistryClientConfig::parseUrl)
                .toList();
    }

    /**
     * The value of the Authorization header, if credentials are configured: a bearer token
     * ({@value #BEARER_AUTH_CREDENTIALS_SOURCE}) or basic auth, not both.
     */
    public Optional<String> authorizationHeader() {
        Optional<String> token = bearerToken();
        Optional<String> basic = basicUserInfo();
        if (token.isPresent() && basic.isPresent()) {
            throw new ConfigException(
                    BEARER_AUTH_CREDENTIALS_SOURCE,
                    TOKEN_FROM_STATIC_TOKEN,
                    "a bearer token and basic-auth credentials are both configured; keep one");
        }
        if (token.isPresent()) {
            return Optional.of("Bearer " + token.get());
        }
        return basic.map(
                userInfo -> "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Who the client authenticates as, for error messages: the basic-auth user name, "a bearer
     * token" or "no credentials". Never a password or token.
     */
    public String principal() {
        if (bearerToken().isPresent()) {
            return "a bearer token";
        }
        return basicUserInfo()
                .map(userInfo -> "user '" + userInfo.split(":", 2)[0] + "'")
                .orElse("no credentials");
    }

    /**
     * The TLS settings for https URLs: the truststore and, for mutual TLS, the keystore; empty
     * when neither is set (Java's default CAs apply).
     */
    public Optional<SSLContext> sslContext() {
        String truststore = getString(SSL_TRUSTSTORE_LOCATION);
        String keystore = getString(SSL_KEYSTORE_LOCATION);
        if (truststore == null && keystore == null) {
            return Optional.empty();
        }
        return Optional.of(RegistryTls.context(
                truststore == null
                        ? null
                        : new RegistryTls.Store(
                                SSL_TRUSTSTORE_LOCATION,
                                truststore,
                                getString(SSL_TRUSTSTORE_TYPE),
                                password(SSL_TRUSTSTORE_PASSWORD)),
                keystore == null
                        ? null
                        : new RegistryTls.Store(
                                SSL_KEYSTORE_LOCATION,
                                keystore,
                                getString(SSL_KEYSTORE_TYPE),
                                password(SSL_KEYSTORE_PASSWORD)),
                password(SSL_KEY_PASSWORD)));
    }

    private String password(String name) {
        Password password = getPassword(name);
        return password == null ? null : password.value();
    }

    private Optional<String> bearerToken() {
        if (!TOKEN_FROM_STATIC_TOKEN.equals(getString(BEARER_AUTH_CREDENTIALS_SOURCE))) {
            return Optional.empty();
        }
        String token = password(BEARER_AUTH_TOKEN);
        if (token == null || token.isBlank()) {
            throw new ConfigException(
                    BEARER_AUTH_TOKEN, "(empty)", "required when " + BEARER_AUTH_CREDENTIALS_SOURCE + "=STATIC_TOKEN");
        }
        return Optional.of(token.strip());
    }

    private Optional<String> basicUserInfo() {
        String userInfo;
        if (CREDENTIALS_FROM_USER_INFO.equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE))) {
            userInfo = getPassword(BASIC_AUTH_USER_INFO).value();
            if (userInfo.isEmpty()) {
                throw new ConfigException(
                        BASIC_AUTH_USER_INFO,
                        "(empty)",
                        "required when " + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO");
            }
        } else {
            userInfo = urls().get(0).getRawUserInfo();
        }
        if (userInfo == null || userInfo.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(userInfo);
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public Duration retryWait() {
        return Duration.ofMillis(getLong(RETRIES_WAIT_MS));
    }

    public Duration retryMaxWait() {
        return Duration.ofMillis(getLong(RETRIES_MAX_WAIT_MS));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS));
    }

    private static URI parseUrl(String url) {
        try {
            URI uri = URI.create(url.strip().replaceAll("/+$", ""));
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("scheme must be http or https");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            // Both the value and URI's message quote the URL: neither may carry its password.
            throw new ConfigException(
                    SCHEMA_REGISTRY_URL,
                    RedactedUrl.redact(url),
                    "not a valid http(s) URL: " + RedactedUrl.redact(e.getMessage()));
        }
    }
}
