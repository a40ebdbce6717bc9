package org.popsurvey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailureDescriptionTest {

    @Test
    void eachCauseGivesTheFirstLineOfItsMessageOutermostFirst() {
        Exception failure = new IllegalStateException(
                "Job aborted due to stage failure: Task 3 failed\nDriver stacktrace:\n\tat org.apache.spark.Foo",
                new IOException("Connection refused to 127.0.0.1:9000"));

        assertThat(PopsurveyCommandLine.describe(failure))
                .isEqualTo("Job aborted due to stage failure: Task 3 failed: Connection refused to 127.0.0.1:9000");
    }

    @Test
    void aMessageThatIsAStackTraceGivesItsFirstLineOnly() {
        // How a Hadoop server's error reaches its client: the message is the server's stack trace.
        Exception failure =
                new RuntimeException("java.lang.AssertionError\n\tat org.apache.hadoop.hdfs.Foo.bar(Foo.java:1)\n");

        assertThat(PopsurveyCommandLine.describe(failure)).isEqualTo("java.lang.AssertionError");
    }

    @Test
    void aCauseWithoutMessageIsNamedByItsClass() {
        Exception failure = new RuntimeException("Cannot write", new IOException(" \n "));

        assertThat(PopsurveyCommandLine.describe(failure)).isEqualTo("Cannot write: IOException");
    }

    @Test
    void aCauseRepeatingThePreviousMessageIsSkipped() {
        IOException cause = new IOException("Broker not available");
        Exception failure = new RuntimeException("Send failed: Broker not available", cause);

        assertThat(PopsurveyCommandLine.describe(failure)).isEqualTo("Send failed: Broker not available");
    }
}
