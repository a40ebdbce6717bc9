package org.popsurvey.conventions;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No two packages of the project depend on each other, directly or through others: a cycle means
 * a contract is written in one package and read in another, and neither can change alone. The
 * main classes of every module are read from their {@code target/classes} folders (this module is
 * built last), so no module's dependencies (Spark, the broker) need to share a class path here.
 */
class PackageCyclesTest {

    private final Path root = Path.of(System.getProperty("popsurvey.repository.root", ".."))
            .toAbsolutePath()
            .normalize();

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        List<Path> classFolders = mainClassFolders();
        assertThat(classFolders)
                .as("compiled main classes of the modules (build them first: mvn -B verify from the root)")
                .extracting(p -> root.relativize(p).toString())
                .contains(
                        "validator-streams/target/classes", "spark-enricher/target/classes", "schemas/target/classes");
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPaths(classFolders);

        slices().matching("org.popsurvey.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noPackageImportsItselfThroughOthersEvenForConstants() throws IOException {
        SourceImportGraph graph = SourceImportGraph.of(mainSourceFolders());
        assertThat(graph.packageCount()).isGreaterThan(20);
        assertThat(graph.cycles())
                .as("packages importing each other (directly or through others)")
                .isEmpty();
    }

    @Test
    void theImportGraphFindsACycleMadeOfConstantsOnly(@TempDir Path sources) throws IOException {
        write(
                sources.resolve("a/A.java"),
                "package org.popsurvey.a;\nimport static org.popsurvey.b.B.NAME;\nclass A {}\n");
        write(sources.resolve("b/B.java"), "package org.popsurvey.b;\nimport org.popsurvey.a.A;\nclass B {}\n");
        write(sources.resolve("c/C.java"), "package org.popsurvey.c;\nimport org.popsurvey.a.A;\nclass C {}\n");

        assertThat(SourceImportGraph.of(List.of(sources)).cycles())
                .containsExactly(List.of("org.popsurvey.a", "org.popsurvey.b"));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<Path> mainSourceFolders() throws IOException {
        try (Stream<Path> folders = Files.walk(root, 5)) {
            return folders.filter(p -> p.endsWith(Path.of("src", "main", "java")) && Files.isDirectory(p))
                    .sorted()
                    .toList();
        }
    }

    private List<Path> mainClassFolders() throws IOException {
        try (Stream<Path> folders = Files.walk(root, 4)) {
            return folders.filter(p -> p.endsWith(Path.of("target", "classes")) && Files.isDirectory(p))
                    .filter(p -> !root.relativize(p).startsWith("conventions"))
                    .sorted()
                    .toList();
        }
    }
}
