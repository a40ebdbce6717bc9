package org.popsurvey.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RealKafkaStackTest {

    @Test
    void sharedIsOneInstancePerJvmAndDedicatedIsNot() {
        assertThat(RealKafkaStack.shared()).isSameAs(RealKafkaStack.shared());
        assertThat(RealKafkaStack.dedicated())
                .isNotSameAs(RealKafkaStack.dedicated())
                .isNotSameAs(RealKafkaStack.shared());
    }

    @Test
    void usingAStackThatWasNeverRegisteredSaysHowToRegisterIt() {
        RealKafkaStack stack = RealKafkaStack.dedicated();
        assertThatThrownBy(stack::bootstrapServers)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "@RegisterExtension static final RealKafkaStack STACK = RealKafkaStack.shared();");
        assertThatThrownBy(() -> stack.createTopic("t", 1)).isInstanceOf(IllegalStateException.class);
    }
}
