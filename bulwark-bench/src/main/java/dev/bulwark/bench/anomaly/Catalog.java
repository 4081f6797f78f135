package dev.bulwark.bench.anomaly;

import dev.bulwark.spi.tool.ToolKind;
import java.util.List;

/** The tools generated agents call: eight connectors with realistic kinds, output sizes and labels. */
final class Catalog {
    /**
     * @param medianBytes typical output size
     * @param pii         chance that an output is labelled pii
     * @param secret      chance that an output is labelled secret
     * @param untrusted   whether its output is outside text an injection screen may flag
     * @param rows        whether the connector reports rows
     */
    record ToolSpec(String name, ToolKind kind, int medianBytes, double pii, double secret, boolean untrusted,
                    boolean rows) {
        String connector() {
            return name.substring(0, name.indexOf('.'));
        }
    }

    static final List<ToolSpec> TOOLS = List.of(
            new ToolSpec("crm.find_customers", ToolKind.READ, 2000, 0.5, 0, false, true),
            new ToolSpec("crm.get_customer", ToolKind.READ, 800, 0.9, 0, false, true),
            new ToolSpec("crm.update_note", ToolKind.WRITE, 100, 0, 0, false, false),
            new ToolSpec("sales.query", ToolKind.READ, 4000, 0.2, 0, false, true),
            new ToolSpec("sales.report", ToolKind.READ, 10000, 0, 0, false, true),
            new ToolSpec("docs.search", ToolKind.READ, 6000, 0.05, 0, true, false),
            new ToolSpec("docs.get", ToolKind.READ, 15000, 0.05, 0, true, false),
            new ToolSpec("tickets.search", ToolKind.READ, 3000, 0.3, 0, true, false),
            new ToolSpec("tickets.get", ToolKind.READ, 1500, 0.4, 0, true, false),
            new ToolSpec("tickets.update", ToolKind.WRITE, 200, 0, 0, false, false),
            new ToolSpec("tickets.create", ToolKind.WRITE, 200, 0, 0, false, false),
            new ToolSpec("mail.read", ToolKind.READ, 5000, 0.3, 0, true, false),
            new ToolSpec("mail.send", ToolKind.EGRESS, 150, 0, 0, false, false),
            new ToolSpec("mail.draft", ToolKind.WRITE, 150, 0, 0, false, false),
            new ToolSpec("files.read", ToolKind.READ, 20000, 0.05, 0.05, false, false),
            new ToolSpec("files.list", ToolKind.READ, 1000, 0, 0, false, false),
            new ToolSpec("files.upload", ToolKind.EGRESS, 150, 0, 0, false, false),
            new ToolSpec("files.share", ToolKind.EGRESS, 150, 0, 0, false, false),
            new ToolSpec("calendar.list", ToolKind.READ, 1000, 0.1, 0, false, false),
            new ToolSpec("calendar.create", ToolKind.WRITE, 200, 0, 0, false, false),
            new ToolSpec("web.fetch", ToolKind.READ, 30000, 0, 0, true, false),
            new ToolSpec("web.search", ToolKind.READ, 4000, 0, 0, true, false),
            new ToolSpec("web.post", ToolKind.EGRESS, 150, 0, 0, false, false),
            new ToolSpec("vault.read", ToolKind.READ, 300, 0, 0.9, false, false),
            new ToolSpec("shell.exec", ToolKind.EXECUTE, 2000, 0, 0.02, false, false));

    static final List<String> CONNECTORS = TOOLS.stream().map(ToolSpec::connector).distinct().toList();

    /** Words intents are made of. */
    static final List<String> WORDS = List.of("reconcile", "invoices", "quarterly", "onboard", "supplier", "refund",
            "escalation", "churn", "renewal", "summarise", "backlog", "triage", "outage", "postmortem", "campaign",
            "pipeline", "forecast", "audit", "compliance", "contract", "warranty", "shipment", "inventory", "payroll",
            "expense", "travel", "meeting", "hiring", "candidate", "training", "security", "incident", "patch",
            "release", "roadmap", "feedback", "survey", "newsletter", "partner", "pricing", "discount", "billing",
            "dispute", "chargeback", "migration", "archive", "retention", "cleanup", "benchmark", "tender");

    private Catalog() {}

    static List<ToolSpec> of(String connector) {
        return TOOLS.stream().filter(t -> t.connector().equals(connector)).toList();
    }

    static ToolSpec tool(String name) {
        return TOOLS.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
