package org.popsurvey.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.popsurvey.stack.component.RepoRoot;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/prometheus/popsurvey-alerts.yml stays a valid Prometheus rule file. The first test always
 * runs (the CI gate, no external tool): the rule-file schema as Prometheus unmarshals it strictly
 * (unknown or duplicate keys, missing fields, bad durations, names and label names refused). The
 * PromQL of each expression is checked by Prometheus's own {@code promtool check rules} in the
 * second test, which runs wherever promtool is installed (Debian: {@code apt-get install
 * prometheus}) and is reported SKIPPED, never passed, where it is not. OperationsIT checks that every
 * metric an expression names is exported by a running validator or enricher.
 */
class AlertRulesTest {

    private static final Path RULES = RepoRoot.find().resolve("deploy/prometheus/popsurvey-alerts.yml");
    private static final Pattern DURATION =
            Pattern.compile("(\\d+y)?(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> GROUP_KEYS = Set.of("name", "interval", "limit", "rules");
    private static final Set<String> RULE_KEYS =
            Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");

    @Test
    void theRuleFileFollowsPrometheusRuleSchema() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Map<String, Object> file =
                new Yaml(new SafeConstructor(options)).load(Files.readString(RULES, StandardCharsets.UTF_8));
        assertThat(file).containsOnlyKeys("groups");
        Set<String> groupNames = new HashSet<>();
        Set<String> alerts = new HashSet<>();
        for (Map<String, Object> group : maps(file.get("groups"))) {
            assertThat(group).containsKeys("name", "rules");
            assertThat(GROUP_KEYS).containsAll(group.keySet());
            assertThat(groupNames.add((String) group.get("name")))
                    .as("group names are unique")
                    .isTrue();
            for (Map<String, Object> rule : maps(group.get("rules"))) {
                assertThat(RULE_KEYS).as("keys of " + rule).containsAll(rule.keySet());
                String alert = (String) rule.get("alert");
                assertThat(alert).as("every rule here is an alert").isNotBlank().matches(LABEL_NAME);
                assertThat(alerts.add(alert))
                        .as("alert names are unique: " + alert)
                        .isTrue();
                assertThat(rule.get("expr")).as(alert + " expr").isInstanceOf(String.class);
                assertThat(((String) rule.get("expr")).strip()).isNotEmpty();
                assertThat(balanced((String) rule.get("expr")))
                        .as(alert + " brackets")
                        .isTrue();
                if (rule.containsKey("for")) {
                    assertThat((String) rule.get("for"))
                            .as(alert + " for")
                            .matches(DURATION)
                            .isNotEmpty();
                }
                for (String key : List.of("labels", "annotations")) {
                    if (rule.containsKey(key)) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> pairs = (Map<String, Object>) rule.get(key);
                        pairs.forEach((name, value) -> {
                            assertThat(name).as(alert + " " + key).matches(LABEL_NAME);
                            assertThat(value).as(alert + " " + key + " " + name).isInstanceOf(String.class);
                        });
                    }
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
                assertThat(labels).as(alert + " has a severity").containsKey("severity");
            }
        }
        assertThat(alerts)
                .contains(
                        "PopsurveyValidatorNotReady",
                        "PopsurveyEnricherNotReady",
                        "PopsurveyValidatorLagGrowing",
                        "PopsurveyEnricherLagGrowing",
                        "PopsurveyEnricherBatchTooOld",
                        "PopsurveyDeadLetterRateHigh");
    }

    @Test
    void promtoolAcceptsTheRuleFile() throws Exception {
        Optional<Path> promtool = onPath("promtool");
        assumeTrue(promtool.isPresent(), "promtool is not installed (apt-get install prometheus): PromQL not checked");
        Process check = new ProcessBuilder(promtool.get().toString(), "check", "rules", RULES.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: 8 rules found");
    }

    private static Optional<Path> onPath(String tool) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean balanced(String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        assertThat(list).isInstanceOf(List.class);
        return (List<Map<String, Object>>) list;
    }
}
