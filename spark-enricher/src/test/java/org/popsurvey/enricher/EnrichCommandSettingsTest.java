package org.popsurvey.enricher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.cli.PopsurveyCommandLine;

/**
 * Settings that would break the accounting are a usage error (exit 2) with one line naming the
 * setting, before anything is contacted or written: no broker, registry or Spark is needed here.
 */
class EnrichCommandSettingsTest {

    @TempDir
    Path dir;

    @Test
    void readingUncommittedRecordsThroughTheConfigFileIsRefused() throws Exception {
        Path config = dir.resolve("client.properties");
        Files.writeString(config, "security.protocol=PLAINTEXT\nisolation.level=read_uncommitted\n");
        Result result = run("--config", config.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.errorLines())
                .singleElement()
                .asString()
                .startsWith("error: --config " + config)
                .contains("isolation.level=read_uncommitted")
                .contains("aborted transactions");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void startingFromTheLatestOffsetThroughTheConfigFileIsRefused() throws Exception {
        Path config = dir.resolve("client.properties");
        Files.writeString(config, "auto.offset.reset=latest\n");
        Result result = run("--config", config.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.errorLines()).singleElement().asString().contains("auto.offset.reset=latest");
    }

    @Test
    void sparkSettingsThatSkipPublishedFilesAreRefused() {
        for (String key : List.of("spark.sql.files.ignoreCorruptFiles", "spark.sql.files.ignoreMissingFiles")) {
            Result result = run("--spark-conf", key + "=true");
            assertThat(result.exit()).as(key).isEqualTo(2);
            assertThat(result.errorLines())
                    .as(key)
                    .singleElement()
                    .asString()
                    .startsWith("error: --spark-conf sets " + key + "=true")
                    .contains("would drop its neighborhoods");
        }
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void theSameSparkSettingFromTheSubmitCommandIsRefusedToo() {
        System.setProperty("spark.sql.files.ignoreCorruptFiles", "true");
        try {
            Result result = run();
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.errorLines())
                    .singleElement()
                    .asString()
                    .contains("the Spark configuration (spark-submit --conf")
                    .contains("spark.sql.files.ignoreCorruptFiles=true");
        } finally {
            System.clearProperty("spark.sql.files.ignoreCorruptFiles");
        }
    }

    private record Result(int exit, List<String> errorLines) {}

    private Result run(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--reference-dir",
                dir.resolve("refs").toString(),
                "--output",
                dir.resolve("out").toString()));
        args.addAll(List.of(extra));
        StringWriter err = new StringWriter();
        var commandLine = PopsurveyCommandLine.create(new EnrichCommand());
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args.toArray(String[]::new));
        return new Result(
                exit, err.toString().lines().filter(line -> !line.isBlank()).toList());
    }
}
