package dev.bulwark.documents.sanitize;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The visible text of HTML: scripts, styles, embedded objects, comments and hidden elements are dropped; block
 * elements become paragraph breaks so chunking can follow the document's structure.
 */
final class HtmlText {
    private static final String NEVER_VISIBLE =
            "head, script, style, noscript, template, iframe, frame, frameset, object, embed, applet, svg, math, "
            + "canvas, audio, video, source, track, meta, link, base, input";
    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "dd", "details",
            "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
            "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
            "thead", "tfoot", "tr", "ul", "body", "html", "caption");
    private static final Set<String> CELLS = Set.of("td", "th");

    private HtmlText() {}

    /**
     * @param keepNewlines whether line breaks inside text are kept (Markdown) or collapsed like a browser (HTML)
     */
    static String visibleText(String html, boolean keepNewlines) {
        Document document = Jsoup.parse(html);
        document.select(NEVER_VISIBLE).remove();
        List<Element> hidden = new ArrayList<>();
        for (Element element : document.getAllElements()) {
            if (HiddenElements.hidden(element)) {
                hidden.add(element);
            }
        }
        hidden.forEach(Element::remove);
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    boolean pre = inPre(text);
                    String value = text.getWholeText();
                    out.append(pre || keepNewlines ? value.replaceAll("[ \\t\\x0B\\f]+", " ")
                            : value.replaceAll("\\s+", " "));
                } else if (node instanceof Element element) {
                    String name = element.normalName();
                    if (name.equals("br")) {
                        out.append('\n');
                    } else if (BLOCKS.contains(name)) {
                        out.append("\n\n");
                    } else if (CELLS.contains(name)) {
                        out.append(' ');
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append("\n\n");
                }
            }
        }, document);
        return out.toString();
    }

    private static boolean inPre(TextNode text) {
        for (Node n = text.parent(); n != null; n = n.parent()) {
            if (n instanceof Element e && (e.normalName().equals("pre") || e.normalName().equals("code"))) {
                return true;
            }
        }
        return false;
    }
}
