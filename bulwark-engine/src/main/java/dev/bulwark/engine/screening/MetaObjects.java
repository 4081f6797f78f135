package dev.bulwark.engine.screening;

import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ResultMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code _meta} objects of a result (its own and its blocks'), shown to guards that judge content as texts:
 * each object's string leaves, then its keys. A changed leaf is replaced in place; an object in which a guard would
 * change a key, or that cannot be read within the limits, is left out of the output (it is metadata beside the
 * content, so leaving it out withholds nothing the agent needs). Annotations pass unchanged: they are an audience
 * enum, a number and a bounded time ({@link dev.bulwark.spi.tool.ContentAnnotations}).
 */
final class MetaObjects {
    private static final int RESULT = -1;

    private record Entry(int block, StructuredJson json) {}

    private final ResultMeta original;
    private final List<Entry> entries = new ArrayList<>();
    private boolean unreadable;

    MetaObjects(ResultMeta meta, StructureLimits limits) {
        this.original = meta;
        Map<Integer, String> all = new TreeMap<>(meta.blockMeta());
        if (meta.meta() != null) {
            all.put(RESULT, meta.meta());
        }
        all.forEach((block, json) -> {
            try {
                entries.add(new Entry(block, StructuredJson.parse(json, limits)));
            } catch (StructuredJson.Refused refused) {
                unreadable = true;
            }
        });
    }

    /** The texts to show a guard, in order. */
    List<Content> texts() {
        List<Content> texts = new ArrayList<>();
        for (Entry entry : entries) {
            entry.json.leaves().forEach(leaf -> texts.add(new Content.Text(leaf.text())));
            entry.json.keys().forEach(key -> texts.add(new Content.Text(key.text())));
        }
        return texts;
    }

    /** What a guard made of {@link #texts()}, starting at {@code from} of {@code out}; null when nothing changed. */
    ResultMeta screened(List<Content> out, int from) {
        boolean changed = unreadable;
        String meta = null;
        Map<Integer, String> blockMeta = new HashMap<>();
        int at = from;
        for (Entry entry : entries) {
            boolean leafChanged = false;
            boolean keyChanged = false;
            for (StructuredJson.Slot leaf : entry.json.leaves()) {
                if (!(out.get(at++) instanceof Content.Text text)) {
                    keyChanged = true; // not a text any more: drop the object
                } else if (!text.text().equals(leaf.text())) {
                    entry.json.replace(leaf, text.text());
                    leafChanged = true;
                }
            }
            for (StructuredJson.Slot key : entry.json.keys()) {
                keyChanged |= !(out.get(at++) instanceof Content.Text text) || !text.text().equals(key.text());
            }
            changed |= leafChanged || keyChanged;
            if (keyChanged) {
                continue;
            }
            String json = leafChanged ? entry.json.write() : originalOf(entry.block);
            if (entry.block == RESULT) {
                meta = json;
            } else {
                blockMeta.put(entry.block, json);
            }
        }
        return changed ? new ResultMeta(meta, original.annotations(), blockMeta) : null;
    }

    private String originalOf(int block) {
        return block == RESULT ? original.meta() : original.blockMeta().get(block);
    }
}
