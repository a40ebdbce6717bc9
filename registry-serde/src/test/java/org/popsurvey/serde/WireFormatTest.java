package org.popsurvey.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void readsTheBigEndianSchemaIdAfterTheMagicByte() {
        byte[] framed = {0, 0, 0, 1, 2, 42};
        assertThat(WireFormat.isFramed(framed)).isTrue();
        assertThat(WireFormat.schemaId(framed)).isEqualTo(258);
    }

    @Test
    void rejectsUnframedValuesWithTheReason() {
        assertThatThrownBy(() -> WireFormat.schemaId("hello".getBytes()))
                .isInstanceOfSatisfying(PoisonPillException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PoisonPillException.Reason.NOT_CONFLUENT_FRAMED);
                    assertThat(e.schemaId()).isEqualTo(-1);
                })
                .hasMessageContaining("0x68");
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 1}))
                .isInstanceOf(PoisonPillException.class)
                .hasMessageContaining("2 byte(s)");
        assertThat(WireFormat.isFramed(new byte[] {1, 0, 0, 0, 1})).isFalse();
    }
}
