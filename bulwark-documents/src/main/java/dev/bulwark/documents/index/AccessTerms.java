package dev.bulwark.documents.index;

import dev.bulwark.documents.AclPrincipal;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The ACL vocabulary of the index: {@code user:<id>} for a user, {@code agent:<id>} for an agent, {@code g:<name>} for
 * a group or role. Agents and users are distinct principals, so an agent whose id equals a user's id holds none of that
 * user's terms. Chunks indexed before the kinds existed carry {@code p:<id>}, which no caller holds: such entries are
 * ambiguous and grant nothing (their group terms still apply) until the document is ingested again with kinded
 * principals. A chunk is readable by a subject holding any of its terms. Under delegation both the agent and the user must hold one, so
 * the filter is the conjunction of two term sets: the effective permission is their intersection.
 */
public final class AccessTerms {
    static final String FIELD = "acl";

    private AccessTerms() {}

    /** The term of an ACL entry or owner, {@code user:<id>} or {@code agent:<id>} (validated by the caller). */
    public static String principal(String kindedId) {
        if (!kindedId.startsWith(AclPrincipal.USER) && !kindedId.startsWith(AclPrincipal.AGENT)) {
            throw new IllegalArgumentException("ACL principal must be user:<id> or agent:<id>");
        }
        return kindedId;
    }

    public static String group(String name) {
        return "g:" + name;
    }

    /** The filter clause selecting only chunks the principal may read; used as a FILTER inside every search. */
    public static Query filterFor(Principal caller) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder();
        filter.add(anyOf(termsOf(caller.agent())), BooleanClause.Occur.FILTER);
        caller.user().ifPresent(user -> filter.add(anyOf(termsOf(user)), BooleanClause.Occur.FILTER));
        return filter.build();
    }

    static Set<String> termsOf(Agent agent) {
        Set<String> terms = new LinkedHashSet<>();
        terms.add(AclPrincipal.agent(agent.id()));
        agent.roles().forEach(role -> terms.add(group(role)));
        return terms;
    }

    static Set<String> termsOf(User user) {
        Set<String> terms = new LinkedHashSet<>();
        terms.add(AclPrincipal.user(user.id()));
        user.roles().forEach(role -> terms.add(group(role)));
        return terms;
    }

    private static Query anyOf(Set<String> terms) {
        List<BytesRef> values = new ArrayList<>(terms.size());
        terms.forEach(t -> values.add(new BytesRef(t)));
        return new TermInSetQuery(FIELD, values);
    }

    static Term term(String value) {
        return new Term(FIELD, value);
    }
}
