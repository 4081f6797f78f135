package dev.bulwark.connectors.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolNamesTest {
    @Test
    void keepsValidNamesAndReplacesInvalidCharacters() {
        assertThat(ToolNames.localName("search_issues")).contains("search_issues");
        assertThat(ToolNames.localName("get-file")).contains("get-file");
        assertThat(ToolNames.localName("files.read")).contains("files_read");
        assertThat(ToolNames.localName("weird name!")).contains("weird_name_");
        assertThat(ToolNames.localName("naïve")).contains("na_ve");
        assertThat(ToolNames.localName("x".repeat(64))).contains("x".repeat(64));
    }

    @Test
    void dropsNamesThatCannotBeMadeValid() {
        assertThat(ToolNames.localName(null)).isEmpty();
        assertThat(ToolNames.localName("")).isEmpty();
        assertThat(ToolNames.localName("x".repeat(65))).isEmpty();
        assertThat(ToolNames.localName("!!!")).isEmpty();
        assertThat(ToolNames.localName("\n")).isEmpty();
    }
}
