package org.popsurvey.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the project's Markdown pages points at a file that exists, and every
 * {@code #anchor} at a heading of that page: a README split into module pages must not leave a
 * reader at a dead end. External links (http, mailto) are not fetched: the build has no network.
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("(?<!!)\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules", ".popsurvey");

    private final Path root = Path.of(System.getProperty("popsurvey.repository.root", ".."))
            .toAbsolutePath()
            .normalize();

    @Test
    void everyRelativeLinkResolvesToAFileAndAHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> pages = markdownPages();
        assertThat(pages).extracting(p -> root.relativize(p).toString()).contains("README.md", "docs/guarantees.md");
        for (Path page : pages) {
            String text = withoutCodeBlocks(Files.readString(page, StandardCharsets.UTF_8));
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String problem = check(page, link.group(1));
                if (problem != null) {
                    broken.add(root.relativize(page) + ": " + link.group(1) + " (" + problem + ")");
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theFrontDoorReadmeStaysShort() throws IOException {
        assertThat(Files.readAllLines(root.resolve("README.md"))).hasSizeLessThanOrEqualTo(300);
    }

    @Test
    void headingsAreTurnedIntoAnchorsTheWayGitHubDoes() {
        assertThat(anchor("`./popsurvey stack`")).isEqualTo("popsurvey-stack");
        assertThat(anchor("Serde API (`registry-serde`)")).isEqualTo("serde-api-registry-serde");
        assertThat(anchor("Rules and error codes")).isEqualTo("rules-and-error-codes");
    }

    private String check(Path page, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto:, file: are not ours to check offline
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!resolved.startsWith(root)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (fragment != null
                && resolved.toString().endsWith(".md")
                && !anchors(resolved).contains(fragment)) {
            return "no heading with that anchor";
        }
        return null;
    }

    private List<Path> markdownPages() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (SKIPPED_FOLDERS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .toList();
        }
    }

    private static Set<String> anchors(Path page) {
        Set<String> anchors = new HashSet<>();
        try {
            for (String line : withoutCodeBlocks(Files.readString(page, StandardCharsets.UTF_8))
                    .split("\n")) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    String base = anchor(heading.group(1));
                    String candidate = base;
                    // GitHub numbers repeated headings: name, name-1, name-2...
                    for (int n = 1; !anchors.add(candidate); n++) {
                        candidate = base + "-" + n;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return anchors;
    }

    /** GitHub's rule: lower case, drop everything but letters, digits, spaces, hyphens and underscores; spaces to hyphens. */
    static String anchor(String heading) {
        return heading.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "");
    }
}
