package dev.bulwark.server.resources;

import dev.bulwark.connectors.mcp.SdkContent;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts what upstreams return for resources, prompts and completions into the gateway's tool output, which the
 * guards screen, and back. The original MCP objects are kept beside the output as its {@link Shape}: an item the
 * guards left as it was is delivered as the upstream gave it (annotations, URIs, MIME types); an item a guard changed
 * is delivered in the same shape with the changed text or data. Output that no longer fits its shape (a guard added
 * or removed items) is refused rather than guessed at.
 */
final class FeatureContent {
    /** Most characters of content one read, prompt or completion may return, like tool output. */
    static final int MAX_CHARS = 4 * 1024 * 1024;
    /** Most content blocks one read, prompt or completion may return. */
    static final int MAX_ITEMS = 1_000;

    private FeatureContent() {}

    /** The upstream's answer kept beside its screened output; each content item converts one original item. */
    sealed interface Shape permits Read, Prompt, Completion {
    }

    record Read(McpSchema.ReadResourceResult original) implements Shape {
    }

    /** {@code described}: the first content item is the prompt's description. */
    record Prompt(McpSchema.GetPromptResult original, boolean described) implements Shape {
    }

    record Completion(McpSchema.CompleteResult original) implements Shape {
    }

    /** Thrown when upstream output is larger than {@link #MAX_CHARS} or screened output no longer fits its shape. */
    static final class Unfit extends RuntimeException {
        Unfit(String message) {
            super(message, null, false, false);
        }
    }

    static ToolResult toResult(Shape shape) {
        List<Content> content = new ArrayList<>();
        switch (shape) {
            case Read read -> read.original().contents().forEach(c -> content.add(SdkContent.convert(c)));
            case Prompt prompt -> {
                if (prompt.described()) {
                    content.add(new Content.Text(prompt.original().description()));
                }
                prompt.original().messages().forEach(m -> content.add(SdkContent.convert(m.content())));
            }
            case Completion completion -> completion.original().completion().values()
                    .forEach(v -> content.add(new Content.Text(v == null ? "" : v)));
        }
        // each block is screened and marked on its own: many tiny blocks would grow far past the character bound
        if (content.size() > MAX_ITEMS) {
            throw new Unfit("the upstream returned more than " + MAX_ITEMS + " content blocks; withheld");
        }
        long size = 0;
        for (Content c : content) {
            size += switch (c) {
                case Content.Text t -> t.text().length();
                case Content.Blob b -> b.base64Data().length();
            };
            if (size > MAX_CHARS) {
                throw new Unfit("the upstream returned more than " + MAX_CHARS + " characters; withheld");
            }
        }
        return new ToolResult(content, false);
    }

    static McpSchema.ReadResourceResult read(Read shape, ToolResult screened) {
        List<McpSchema.ResourceContents> original = shape.original().contents();
        fits(original.size(), screened);
        List<McpSchema.ResourceContents> out = new ArrayList<>(original.size());
        for (int i = 0; i < original.size(); i++) {
            McpSchema.ResourceContents item = original.get(i);
            Content now = screened.content().get(i);
            out.add(now.equals(SdkContent.convert(item)) ? item : switch (now) {
                case Content.Text t -> new McpSchema.TextResourceContents(item.uri(), item.mimeType(), t.text());
                case Content.Blob b -> new McpSchema.BlobResourceContents(item.uri(), b.mimeType(), b.base64Data());
            });
        }
        return new McpSchema.ReadResourceResult(out, shape.original().meta());
    }

    static McpSchema.GetPromptResult prompt(Prompt shape, ToolResult screened) {
        List<McpSchema.PromptMessage> original = shape.original().messages();
        int offset = shape.described() ? 1 : 0;
        fits(original.size() + offset, screened);
        String description = shape.described() ? text(screened.content().get(0)) : shape.original().description();
        List<McpSchema.PromptMessage> out = new ArrayList<>(original.size());
        for (int i = 0; i < original.size(); i++) {
            McpSchema.PromptMessage message = original.get(i);
            Content now = screened.content().get(i + offset);
            out.add(now.equals(SdkContent.convert(message.content())) ? message
                    : new McpSchema.PromptMessage(message.role(), changed(message.content(), now)));
        }
        return new McpSchema.GetPromptResult(description, out, shape.original().meta());
    }

    static McpSchema.CompleteResult completion(Completion shape, ToolResult screened) {
        McpSchema.CompleteResult.CompleteCompletion original = shape.original().completion();
        fits(original.values().size(), screened);
        List<String> values = screened.content().stream().map(FeatureContent::text).toList();
        return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(values, original.total(),
                original.hasMore()), shape.original().meta());
    }

    private static void fits(int expected, ToolResult screened) {
        if (screened.content().size() != expected) {
            throw new Unfit("screened output has " + screened.content().size() + " items where the upstream gave "
                    + expected + "; withheld");
        }
    }

    private static String text(Content content) {
        if (content instanceof Content.Text t) {
            return t.text();
        }
        throw new Unfit("screened output turned text into binary content; withheld");
    }

    /** A prompt message's content in its original shape, carrying what a guard changed. */
    private static McpSchema.Content changed(McpSchema.Content original, Content now) {
        return switch (now) {
            case Content.Text t -> switch (original) {
                case McpSchema.TextContent text -> new McpSchema.TextContent(text.annotations(), t.text());
                case McpSchema.EmbeddedResource e -> new McpSchema.EmbeddedResource(e.annotations(),
                        new McpSchema.TextResourceContents(e.resource().uri(), e.resource().mimeType(), t.text()));
                default -> new McpSchema.TextContent(t.text()); // a changed link is passed on as the text screened
            };
            case Content.Blob b -> switch (original) {
                case McpSchema.AudioContent a -> new McpSchema.AudioContent(a.annotations(), b.base64Data(),
                        b.mimeType());
                case McpSchema.EmbeddedResource e -> new McpSchema.EmbeddedResource(e.annotations(),
                        new McpSchema.BlobResourceContents(e.resource().uri(), b.mimeType(), b.base64Data()));
                default -> new McpSchema.ImageContent(null, b.base64Data(), b.mimeType());
            };
        };
    }
}
