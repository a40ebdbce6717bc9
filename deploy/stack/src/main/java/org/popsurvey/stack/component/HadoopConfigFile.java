package org.popsurvey.stack.component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a Hadoop {@code *-site.xml} configuration file. */
final class HadoopConfigFile {

    private HadoopConfigFile() {}

    static void write(Path file, Map<String, String> properties) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!-- Written by popsurvey stack; rewritten at each start. -->\n<configuration>\n");
        for (Map.Entry<String, String> property : properties.entrySet()) {
            xml.append("  <property><name>")
                    .append(escape(property.getKey()))
                    .append("</name><value>")
                    .append(escape(property.getValue()))
                    .append("</value></property>\n");
        }
        xml.append("</configuration>\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
