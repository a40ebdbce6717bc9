package org.popsurvey.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.process.StackException;

class RuntimesTest {

    @TempDir
    Path root;

    @Test
    void missingRuntimesSayHowToBuildThem() {
        Runtimes runtimes = Runtimes.locate(root);

        assertThatThrownBy(runtimes::kafkaClassPath)
                .isInstanceOf(StackException.class)
                .hasMessage("The Kafka broker runtime is not built: "
                        + root.resolve("deploy/kafka-broker/target/runtime-classpath.txt")
                        + " is missing. Build it with `mvn -B package -DskipTests` in " + root + ".");
        assertThatThrownBy(runtimes::registryJarFile)
                .hasMessageContaining("deploy/schema-registry/target/*-runner.jar is missing");
        assertThatThrownBy(runtimes::hdfsClassPath).hasMessageContaining("The HDFS runtime is not built");
    }

    @Test
    void classPathEntriesMustExist() throws Exception {
        Path target = Files.createDirectories(root.resolve("deploy/kafka-broker/target"));
        Path jar = Files.writeString(root.resolve("kafka.jar"), "");
        Files.writeString(target.resolve("runtime-classpath.txt"), jar + ":" + root.resolve("gone.jar") + "\n");

        assertThatThrownBy(() -> Runtimes.locate(root).kafkaClassPath())
                .hasMessageContaining("lists " + root.resolve("gone.jar"))
                .hasMessageContaining("Rebuild it with `mvn -B package -DskipTests`");

        Files.writeString(target.resolve("runtime-classpath.txt"), jar + "\n");
        assertThat(Runtimes.locate(root).kafkaClassPath()).containsExactly(jar);
    }

    @Test
    void theRegistryJarIsFoundByItsRunnerSuffix() throws Exception {
        Path target = Files.createDirectories(root.resolve("deploy/schema-registry/target"));
        Path jar = Files.writeString(target.resolve("schema-registry-1.0-runner.jar"), "");
        assertThat(Runtimes.locate(root).registryJarFile()).isEqualTo(jar);
    }
}
