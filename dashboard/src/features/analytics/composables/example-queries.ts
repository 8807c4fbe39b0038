/** The common questions, as GraphiQL tabs; a test checks each against schema.graphql. */
export const EXAMPLE_QUERIES: readonly { query: string }[] = [
  {
    query: `# 超期未整改的隐患：哪家企业、哪个科室、超期多久 (overdue hazards)
query OverdueHazards {
  hazards(filter: { overdue: true }, first: 50) {
    totalCount
    edges {
      node {
        title
        grade
        deadline
        enterprise { code name department { name leader { displayName } } }
      }
    }
  }
}
`,
  },
  {
    query: `# 局长办公会：在办的重大隐患及其治理方案 (open major hazards)
query MajorHazardAgenda {
  hazards(filter: { grade: [MAJOR], status: [RECTIFYING, PENDING_VERIFICATION] }, first: 50) {
    totalCount
    edges {
      node {
        title
        status
        deadline
        responsiblePerson
        measures
        governancePlan { objectives funding emergencyMeasures }
        enterprise { name department { name } }
      }
    }
  }
}
`,
  },
  {
    query: `# 本期上报的隐患按级别计数，及现场整改数 (filings in a period, by grade)
query FilingsByGrade($from: DateTime = "2026-11-01T00:00:00+08:00", $to: DateTime = "2026-11-30T23:59:59+08:00") {
  all: hazards(filter: { filedFrom: $from, filedTo: $to }, first: 1) { totalCount }
  major: hazards(filter: { filedFrom: $from, filedTo: $to, grade: [MAJOR] }, first: 1) { totalCount }
  second: hazards(filter: { filedFrom: $from, filedTo: $to, grade: [SECOND] }, first: 1) { totalCount }
  third: hazards(filter: { filedFrom: $from, filedTo: $to, grade: [THIRD] }, first: 1) { totalCount }
  onSpot: hazards(filter: { filedFrom: $from, filedTo: $to, rectifiedOnSpot: true }, first: 1) { totalCount }
}
`,
  },
  {
    query: `# 企业最近登录与填报时间（15天未登录/未填报的依据）(last login and filing)
query EnterpriseActivity {
  enterprises(first: 200) {
    totalCount
    edges {
      node { code name industry keyTarget lastLoginAt lastFilingAt department { name } township { name } }
    }
  }
}
`,
  },
  {
    query: `# 一级抓一级：各科室的分管领导、科长和企业数 (departments and their leaders)
query Departments {
  departments {
    number
    name
    enterpriseCount
    leader { displayName }
    chief { displayName }
  }
}
`,
  },
  {
    query: `# 历史记录是否完整未被篡改 (is the audit chain intact?)
query AuditChain {
  auditChain { valid length firstBrokenSeq }
}
`,
  },
];
