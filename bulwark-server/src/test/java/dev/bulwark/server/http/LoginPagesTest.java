package dev.bulwark.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginPagesTest {
    @Test
    void theConsentPagesFormActionNamesExactlyTheRedirectOrigin() {
        assertThat(LoginPages.cspSource("https://app.example.com/cb?x=1")).isEqualTo("https://app.example.com");
        assertThat(LoginPages.cspSource("http://127.0.0.1:43117/callback")).isEqualTo("http://127.0.0.1:43117");
        assertThat(LoginPages.cspSource("http://[::1]:8080/cb")).isEqualTo("http://[::1]:8080");
        assertThat(LoginPages.cspSource("com.example.app:/oauth2redirect")).isEqualTo("com.example.app:");
    }

    @Test
    void everyValueIsEscaped() {
        assertThat(LoginPages.esc("<script>alert('x')</script>&\"")).isEqualTo(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
        assertThat(LoginPages.esc("a\u0000b\rc")).isEqualTo("a b c");
    }
}
