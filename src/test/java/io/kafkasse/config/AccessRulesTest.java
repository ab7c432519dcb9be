package io.kafkasse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private static final NamedStreams STREAMS = NamedStreams.of(
            Map.of("orders", "orders-eu,orders-us", "public-feed", "news"), TopicAllowList.of(Optional.empty()));

    private static AccessRules rules(Map<String, String> streamRoles, String topicRoles) {
        return AccessRules.of(false, streamRoles, Optional.ofNullable(topicRoles), Optional.empty(), STREAMS);
    }

    @Test
    void withNoRuleEveryStreamIsPublic() {
        AccessRules rules = rules(Map.of(), null);
        assertFalse(rules.needsTokens());
        assertEquals(Set.of(), rules.rolesOfStream("orders"));
        assertEquals(Set.of(), rules.rolesOfTopic("orders-eu"));
    }

    @Test
    void aStreamNeedsOneOfItsRoles() {
        AccessRules rules = rules(Map.of("orders", "ops, audit"), null);
        assertTrue(rules.protectsStreams());
        assertEquals(Set.of("ops", "audit"), rules.rolesOfStream("orders"));
        assertEquals(Set.of(), rules.rolesOfStream("public-feed"));
    }

    @Test
    void aTopicOfAProtectedStreamReadByItsOwnNameNeedsTheStreamsRoles() {
        AccessRules rules = rules(Map.of("orders", "ops"), null);
        assertEquals(Set.of("ops"), rules.rolesOfTopic("orders-us"));
        assertEquals(Set.of(), rules.rolesOfTopic("news"));
    }

    @Test
    void topicRulesMatchGlobsInOrderAndWinOverTheStreamsRoles() {
        AccessRules rules = rules(Map.of("orders", "ops"), "orders-eu=eu-team; orders-*=ops,audit ;*=reader");
        assertEquals(Set.of("eu-team"), rules.rolesOfTopic("orders-eu"));
        assertEquals(Set.of("ops", "audit"), rules.rolesOfTopic("orders-us"));
        assertEquals(Set.of("reader"), rules.rolesOfTopic("news"));
    }

    @Test
    void rolesOfAStreamThatIsNotDefinedFailTheDeploymentNamingTheKey() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> rules(Map.of("ordrs", "ops"), null));
        assertTrue(e.getMessage().startsWith("Invalid configuration sse.streams.ordrs.roles=ops"), e.getMessage());
    }

    @Test
    void malformedTopicRulesFailTheDeployment() {
        assertThrows(InvalidConfigurationException.class, () -> rules(Map.of(), "orders-*"));
        assertThrows(InvalidConfigurationException.class, () -> rules(Map.of(), "orders-*="));
        assertThrows(InvalidConfigurationException.class, () -> rules(Map.of(), "ord ers=ops"));
    }

    @Test
    void anAdminRoleAloneProtectsNoStream() {
        assertTrue(AccessRules.of(true, Map.of(), Optional.empty(), Optional.empty(), STREAMS).protectsStreams());
        AccessRules admin = AccessRules.of(false, Map.of(), Optional.empty(), Optional.of("admin"), STREAMS);
        assertFalse(admin.protectsStreams());
        assertTrue(admin.needsTokens());
        assertThrows(InvalidConfigurationException.class,
                () -> AccessRules.of(false, Map.of(), Optional.empty(), Optional.of("a,b"), STREAMS));
    }
}
