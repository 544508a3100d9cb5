package org.wasmbpf.host.distribution;

/**
 * A registry login from the docker config: a user and password, or the identity token
 * {@code docker login} stores for registries that hand out OAuth2 refresh tokens (then the user
 * name is {@code <token>} and the password empty).
 */
public record Credentials(String username, String password, String identityToken) {
    @Override
    public String toString() {
        return "Credentials[" + username + "]"; // never the secret, should one be printed
    }
}
