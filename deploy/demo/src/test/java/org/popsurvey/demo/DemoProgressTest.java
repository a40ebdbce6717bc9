package org.popsurvey.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DemoProgressTest {

    @Test
    void eachStepIsNumberedByItsPlaceAmongAllTheSteps() {
        StringWriter out = new StringWriter();
        DemoProgress progress = new DemoProgress(new PrintWriter(out));

        progress.step("data", "generating 91 neighborhoods");
        progress.step("report", "");

        assertThat(out.toString().lines())
                .containsExactly("[demo 1/8] data: generating 91 neighborhoods", "[demo 8/8] report");
    }

    @Test
    void aStepThatIsNotDeclaredIsAProgrammingError() {
        DemoProgress progress = new DemoProgress(new PrintWriter(new StringWriter()));

        assertThatThrownBy(() -> progress.step("upload", "")).hasMessageContaining("no demo step upload");
    }
}
