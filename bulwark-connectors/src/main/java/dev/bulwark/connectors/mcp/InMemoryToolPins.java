package dev.bulwark.connectors.mcp;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Pins held in memory: for tests and throw-away gateways; lost on restart. */
public final class InMemoryToolPins implements ToolPins {
    private final ConcurrentSkipListMap<String, ToolPin> pins = new ConcurrentSkipListMap<>();

    @Override
    public Optional<ToolPin> find(String tool) {
        return Optional.ofNullable(pins.get(tool));
    }

    @Override
    public List<ToolPin> list(String connector) {
        return pins.values().stream().filter(pin -> pin.connector().equals(connector)).toList();
    }

    @Override
    public void save(ToolPin pin) {
        pins.put(pin.tool(), pin);
    }
}
