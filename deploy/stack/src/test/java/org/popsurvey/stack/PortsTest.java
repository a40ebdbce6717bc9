package org.popsurvey.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.popsurvey.stack.component.PortUse;
import org.popsurvey.stack.component.Ports;
import org.popsurvey.stack.process.StackException;

class PortsTest {

    @Test
    void takenPortIsReportedWithItsOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
            int port = taken.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
            assertThat(Ports.accepts(port)).isTrue();
            assertThatThrownBy(() ->
                            Ports.requireDistinctAndFree(List.of(new PortUse(port, "Kafka broker", "--kafka-port"))))
                    .isInstanceOf(StackException.class)
                    .hasMessage("Port " + port
                            + " on 127.0.0.1 is already in use, so the Kafka broker cannot listen there. "
                            + "Stop whatever uses it, or choose another port with --kafka-port.");
        }
    }

    @Test
    void freePortsAreDistinctAndFree() {
        List<Integer> ports = Ports.freePorts(4);
        assertThat(ports).doesNotHaveDuplicates().hasSize(4).allMatch(Ports::isFree);
    }
}
