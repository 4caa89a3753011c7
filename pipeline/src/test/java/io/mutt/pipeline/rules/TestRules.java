package io.mutt.pipeline.rules;

/** Readable rule construction for tests: {@code rule(3).contains("ERROR").priority(20).build()}. */
public final class TestRules {

  private int id;
  private String matchString;
  private String trapOid;
  private Integer severity;
  private String matchType = Rule.CONTAINS;
  private int priority = 100;
  private String prodHandling = "Page_and_ticket";
  private String devHandling = "Ignore";
  private String team = "NETO";
  private boolean active = true;

  private TestRules(int id) {
    this.id = id;
  }

  public static TestRules rule(int id) {
    return new TestRules(id);
  }

  public TestRules contains(String literal) {
    this.matchType = Rule.CONTAINS;
    this.matchString = literal;
    return this;
  }

  public TestRules regex(String pattern) {
    this.matchType = Rule.REGEX;
    this.matchString = pattern;
    return this;
  }

  public TestRules oidPrefix(String oid) {
    this.matchType = Rule.OID_PREFIX;
    this.trapOid = oid;
    return this;
  }

  public TestRules matchType(String type) {
    this.matchType = type;
    return this;
  }

  public TestRules matchString(String text) {
    this.matchString = text;
    return this;
  }

  public TestRules trapOid(String oid) {
    this.trapOid = oid;
    return this;
  }

  public TestRules severity(Integer value) {
    this.severity = value;
    return this;
  }

  public TestRules priority(int value) {
    this.priority = value;
    return this;
  }

  public TestRules handling(String prod, String dev) {
    this.prodHandling = prod;
    this.devHandling = dev;
    return this;
  }

  public TestRules team(String value) {
    this.team = value;
    return this;
  }

  public TestRules inactive() {
    this.active = false;
    return this;
  }

  public Rule build() {
    return new Rule(
        id,
        matchString,
        trapOid,
        severity,
        matchType,
        priority,
        prodHandling,
        devHandling,
        team,
        active);
  }
}
