package org.popsurvey.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

    @Test
    void confluentNamesAndDefaults() {
        AvroSerdeConfig config =
                new AvroSerdeConfig(Map.of("schema.registry.url", "http://a:1/apis/ccompat/v7,http://b:2"));
        assertThat(config.urls())
                .extracting(Object::toString)
                .containsExactly("http://a:1/apis/ccompat/v7", "http://b:2");
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.specificAvroReader()).isFalse();
        assertThat(config.maxRetries()).isEqualTo(3);
        assertThat(config.authorizationHeader()).isEmpty();
        assertThat(AvroSerdeConfig.subjectFor("population.raw", false)).isEqualTo("population.raw-value");
        assertThat(AvroSerdeConfig.subjectFor("population.raw", true)).isEqualTo("population.raw-key");
    }

    @Test
    void basicAuthFromUserInfoOrUrl() {
        AvroSerdeConfig userInfo = new AvroSerdeConfig(Map.of(
                "schema.registry.url",
                "http://r:8081",
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                "alice:s3cret"));
        assertThat(userInfo.authorizationHeader())
                .contains("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes()));
        AvroSerdeConfig fromUrl = new AvroSerdeConfig(Map.of("schema.registry.url", "http://bob:pw@r:8081"));
        assertThat(fromUrl.authorizationHeader())
                .contains("Basic " + Base64.getEncoder().encodeToString("bob:pw".getBytes()));
    }

    @Test
    void invalidSettingsNameTheSetting() {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("schema.registry.url", "ftp://x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http");
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of(
                        "schema.registry.url",
                        "http://x",
                        "value.subject.name.strategy",
                        "io.confluent.kafka.serializers.subject.RecordNameStrategy")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TopicNameStrategy");
        assertThatThrownBy(() -> new AvroSerdeConfig(
                                Map.of("schema.registry.url", "http://x", "basic.auth.credentials.source", "USER_INFO"))
                        .authorizationHeader())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.user.info");
    }
}
