package org.popsurvey.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.stack.process.JavaCommand;

/**
 * The long-running parts the demo starts as child JVMs, each from its own module's runtime class
 * path exactly as {@code ./popsurvey} starts them (the enricher's Spark never shares a class path
 * with Kafka 4).
 */
enum PipelineProcess {
    VALIDATOR("validate", "validator-streams", "org.popsurvey.validator.ValidateCommand", false),
    ENRICHER("enrich", "spark-enricher", "org.popsurvey.enricher.EnrichCommand", true);

    private final String command;
    private final String module;
    private final String mainClass;
    private final boolean spark;

    PipelineProcess(String command, String module, String mainClass, boolean spark) {
        this.command = command;
        this.module = module;
        this.mainClass = mainClass;
        this.spark = spark;
    }

    /** The sub-command name, which also names the child's log file. */
    String command() {
        return command;
    }

    JavaCommand javaCommand(Path repoRoot, List<String> args) {
        Path target = target(repoRoot);
        Path classPathFile = target.resolve("runtime-classpath.txt");
        List<String> jvmOptions = new ArrayList<>(List.of("-Dpopsurvey.home=" + repoRoot));
        List<Path> classPath = new ArrayList<>(List.of(target.resolve("classes")));
        try {
            for (String entry : Files.readString(classPathFile).strip().split(java.io.File.pathSeparator)) {
                classPath.add(Path.of(entry));
            }
            if (spark) {
                // The Java 17 opens Spark needs, the same file the launcher passes with @file.
                jvmOptions.add("-Xmx1g");
                jvmOptions.addAll(sparkJvmFlags(repoRoot));
            }
        } catch (IOException e) {
            throw new CommandFailedException("The " + command + " runtime is not built (" + e.getMessage()
                    + "); run 'mvn -B package -DskipTests' in " + repoRoot);
        }
        return new JavaCommand(jvmOptions, classPath, mainClass, args);
    }

    /** The Java 17 opens Spark needs, the same file the launcher passes with @file. */
    static List<String> sparkJvmFlags(Path repoRoot) throws IOException {
        return Files.readAllLines(ENRICHER.target(repoRoot).resolve("jvmflags.txt")).stream()
                .flatMap(line -> java.util.Arrays.stream(line.strip().split("\\s+")))
                .filter(option -> !option.isEmpty())
                .toList();
    }

    /** The module's build folder. */
    Path target(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target");
    }
}
