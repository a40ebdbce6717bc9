package org.popsurvey.stack.component;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.popsurvey.stack.process.ReadinessCheck;

/**
 * Ready when the broker's port accepts connections and it answers a metadata request with at
 * least one broker. The admin client is created only once the port is open, so it does not
 * log connection failures while the broker boots.
 */
final class BrokerProbe implements ReadinessCheck, AutoCloseable {

    /** Per attempt while waiting for a start: the wait loop retries. */
    static final Duration READINESS_TIMEOUT = Duration.ofSeconds(3);
    /** A single status check on a busy machine: a new client needs several round trips. */
    static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final int timeoutMs;
    private final Map<String, Object> securityConfig;
    private final int expectedNodes;
    private Admin admin;

    BrokerProbe(int port, Duration timeout, Map<String, Object> securityConfig) {
        this(port, timeout, securityConfig, 1);
    }

    /** Ready only once the broker's metadata lists {@code expectedNodes} brokers (a whole cluster). */
    BrokerProbe(int port, Duration timeout, Map<String, Object> securityConfig, int expectedNodes) {
        this.securityConfig = securityConfig;
        this.port = port;
        this.timeoutMs = (int) timeout.toMillis();
        this.expectedNodes = expectedNodes;
    }

    @Override
    public boolean isReady() throws Exception {
        if (!Ports.accepts(port)) {
            return false;
        }
        if (admin == null) {
            Properties config = new Properties();
            config.putAll(securityConfig);
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, Ports.HOST + ":" + port);
            config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "popsurvey-stack-probe");
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
            admin = Admin.create(config);
        }
        return admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                        .nodes()
                        .get(timeoutMs + 1000L, TimeUnit.MILLISECONDS)
                        .size()
                >= expectedNodes;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
