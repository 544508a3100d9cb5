package org.wasmbpf.host.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
    @Test
    void bearerWithQuotedParameters() {
        AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                + "scope=\"repository:a/b:pull,push\"");
        assertEquals("bearer", c.scheme());
        assertEquals("https://auth.example/token", c.param("realm"));
        assertEquals("registry.example", c.param("service"));
        assertEquals("repository:a/b:pull,push", c.param("scope"), "a comma inside quotes stays");
    }

    @Test
    void basicWithSpacesAndEscapes() {
        AuthChallenge c = AuthChallenge.parse("Basic  realm=\"my \\\"registry\\\"\" , charset=UTF-8");
        assertEquals("basic", c.scheme());
        assertEquals(Map.of("realm", "my \"registry\"", "charset", "UTF-8"), c.params());
    }

    @Test
    void aSchemeAlone() {
        AuthChallenge c = AuthChallenge.parse("Negotiate");
        assertEquals("negotiate", c.scheme());
        assertEquals(Map.of(), c.params());
    }

    @Test
    void aSecondChallengeIsNotReadAsParameters() {
        AuthChallenge c = AuthChallenge.parse("Basic realm=\"r\", Bearer realm=\"x\"");
        assertEquals(Map.of("realm", "r"), c.params());
    }
}
