package dev.bulwark.spi.tool;

import dev.bulwark.spi.Checks;

/** One piece of a tool's output. */
public sealed interface Content permits Content.Text, Content.Blob {

    record Text(String text) implements Content {
        public Text {
            Checks.present(text, "text");
        }
    }

    /** Binary content (e.g. an image), base64-encoded as MCP carries it. */
    record Blob(String mimeType, String base64Data) implements Content {
        public Blob {
            Checks.nonBlank(mimeType, "mimeType");
            Checks.present(base64Data, "base64Data");
        }
    }
}
