package dev.bulwark.connectors.crm;

import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.util.List;
import java.util.Set;

/** The four tools of the demo CRM and their argument schemas. */
final class CrmTools {
    static final String CONNECTOR = "crm";
    static final int MAX_LIMIT = 50;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_NOTE = 2000;
    static final int MAX_REGION = 32;
    static final int MAX_NAME_FRAGMENT = 100;
    static final long MAX_ID = 1_000_000_000L;

    /** Customer rows hold e-mail addresses and phone numbers: personal data, internal to the company. */
    static final Set<String> CUSTOMER_LABELS = Set.of("pii", "internal");

    private static final String ID_PROPERTY = """
            "id": {"type": "integer", "minimum": 1, "maximum": %d, "description": "customer id"}"""
            .formatted(MAX_ID);

    static final Tool FIND_CUSTOMERS = new Tool(CONNECTOR + ".find_customers",
            "Find customers, optionally by region and by a fragment of their name. Returns at most 'limit' rows.",
            """
            {"type": "object", "additionalProperties": false, "properties": {
              "region": {"type": "string", "minLength": 1, "maxLength": %d, "description": "exact region, e.g. EMEA"},
              "name_contains": {"type": "string", "minLength": 1, "maxLength": %d,
                                "description": "case-insensitive fragment of the customer name"},
              "limit": {"type": "integer", "minimum": 1, "maximum": %d, "default": %d}
            }}""".formatted(MAX_REGION, MAX_NAME_FRAGMENT, MAX_LIMIT, DEFAULT_LIMIT),
            ToolKind.READ, CONNECTOR, CUSTOMER_LABELS);

    static final Tool GET_CUSTOMER = new Tool(CONNECTOR + ".get_customer",
            "Get one customer by id.",
            """
            {"type": "object", "additionalProperties": false, "required": ["id"], "properties": {
              %s
            }}""".formatted(ID_PROPERTY),
            ToolKind.READ, CONNECTOR, CUSTOMER_LABELS);

    static final Tool UPDATE_CUSTOMER_NOTE = new Tool(CONNECTOR + ".update_customer_note",
            "Replace the notes of one customer. Returns the updated customer.",
            """
            {"type": "object", "additionalProperties": false, "required": ["id", "note"], "properties": {
              %s,
              "note": {"type": "string", "maxLength": %d}
            }}""".formatted(ID_PROPERTY, MAX_NOTE),
            ToolKind.WRITE, CONNECTOR, CUSTOMER_LABELS);

    static final Tool DELETE_CUSTOMER = new Tool(CONNECTOR + ".delete_customer",
            "Delete one customer by id.",
            """
            {"type": "object", "additionalProperties": false, "required": ["id"], "properties": {
              %s
            }}""".formatted(ID_PROPERTY),
            ToolKind.WRITE, CONNECTOR, Set.of("internal"));

    static final List<Tool> ALL = List.of(FIND_CUSTOMERS, GET_CUSTOMER, UPDATE_CUSTOMER_NOTE, DELETE_CUSTOMER);

    private CrmTools() {}
}
