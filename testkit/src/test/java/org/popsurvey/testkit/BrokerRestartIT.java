package org.popsurvey.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.popsurvey.testkit.RealKafkaStackIT.Clients;

/** A class of its own because it takes the broker down. */
class BrokerRestartIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.dedicated();

    @Test
    void brokerComesBackWithItsDataOnTheSamePort() throws Exception {
        String bootstrap = STACK.bootstrapServers();
        STACK.createTopic("testkit.restart", 1);
        try (KafkaProducer<String, String> producer = Clients.producer(bootstrap)) {
            producer.send(new ProducerRecord<>("testkit.restart", "before", "written before the outage"))
                    .get();
        }

        STACK.stopBroker();
        try (KafkaProducer<String, String> producer = Clients.producer(bootstrap)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("testkit.restart", "during", "x"))
                            .get(15, TimeUnit.SECONDS))
                    .as("a send while the broker is down must not succeed")
                    .isInstanceOfAny(ExecutionException.class, TimeoutException.class);
        }

        STACK.startBroker();
        assertThat(STACK.bootstrapServers()).isEqualTo(bootstrap);
        try (KafkaProducer<String, String> producer = Clients.producer(bootstrap)) {
            producer.send(new ProducerRecord<>("testkit.restart", "after", "written after the outage"))
                    .get();
        }

        assertThat(Clients.keyValues(Clients.consumeAll(bootstrap, "testkit.restart", 2)))
                .containsExactly(
                        Map.entry("before", "written before the outage"),
                        Map.entry("after", "written after the outage"));
    }
}
