package dev.bulwark.guards.eval.secrets;

import java.util.List;

final class SecretCorpusB {
    static List<SecretSample> generate(long seed, int perKind) {
        return List.of();
    }
}
