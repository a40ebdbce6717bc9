package org.popsurvey.report.html;

import java.util.List;
import org.jsoup.nodes.Element;

/**
 * Small builders over jsoup elements. Every value goes in through {@link Element#text} or
 * {@link Element#attr}, which jsoup escapes on output: a neighborhood named {@code <script>} is
 * shown as text, never run.
 */
final class Html {

    private Html() {}

    static Element section(Element body, String id, String title) {
        Element section = body.appendElement("section").id(id);
        section.appendElement("h2").text(title);
        return section;
    }

    static Element paragraph(Element parent, String text) {
        return parent.appendElement("p").text(text);
    }

    /** A table with a header row; rows are added with {@link #row}. */
    static Element table(Element parent, String className, List<String> headers) {
        Element table = parent.appendElement("table").addClass(className);
        Element head = table.appendElement("thead").appendElement("tr");
        headers.forEach(header -> head.appendElement("th").attr("scope", "col").text(header));
        table.appendElement("tbody");
        return table;
    }

    static Element row(Element table) {
        return table.selectFirst("tbody").appendElement("tr");
    }

    static Element cell(Element row, String className, String text) {
        Element cell = row.appendElement("td").text(text);
        if (className != null) {
            cell.addClass(className);
        }
        return cell;
    }
}
