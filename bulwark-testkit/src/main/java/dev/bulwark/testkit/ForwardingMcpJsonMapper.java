package dev.bulwark.testkit;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import java.io.IOException;

/**
 * An MCP SDK JSON mapper that passes everything to another one; tests override the one or two methods whose traffic
 * they need to see or change (the raw tree of a listing, fields the SDK's records cannot hold).
 */
public abstract class ForwardingMcpJsonMapper implements McpJsonMapper {
    protected final McpJsonMapper delegate;

    protected ForwardingMcpJsonMapper(McpJsonMapper delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T convertValue(Object from, Class<T> type) {
        return delegate.convertValue(from, type);
    }

    @Override
    public <T> T convertValue(Object from, TypeRef<T> type) {
        return delegate.convertValue(from, type);
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return delegate.writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return delegate.writeValueAsBytes(value);
    }
}
