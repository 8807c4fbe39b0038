/** The common questions, as GraphiQL tabs; a test checks each against schema.graphql. */
export const EXAMPLE_QUERIES: readonly { query: string }[] = [
  {
    query: `# 三个展示：15天未登录、15天未填报、超期未整改 (the three displays as they stand)
query ThreeDisplays {
  noLogin: alerts(kind: NO_LOGIN) { since enterprise { code name lastLoginAt department { name } } }
  noFiling: alerts(kind: NO_FILING) { since enterprise { code name lastFilingAt department { name } } }
  overdue: alerts(kind: OVERDUE) {
    since
    enterprise { code name department { name leader { displayName } } }
    hazard { title grade deadline }
  }
}
`,
  },
  {
    query: `# 科室排名：各科室的统计与考核名次 (a department ranking: figures and assessment rank)
query DepartmentRanking($from: DateTime! = "2026-10-01T00:00:00+08:00", $to: DateTime! = "2026-12-31T23:59:59+08:00") {
  statsBy(from: $from, to: $to, by: DEPARTMENT) {
    key
    label
    stats { hazardsFound hazardsEntered overdue closed loginRate filingRate onTimeRate medianDaysToClose }
  }
  assessment(kind: DEPARTMENT, from: $from, to: $to) { rank subjectName score }
}
`,
  },
  {
    query: `# 按月统计：每月发现、现场整改、录入整改和超期 (a monthly series, bureau time)
query MonthlySeries($from: DateTime! = "2026-07-01T00:00:00+08:00", $to: DateTime! = "2026-12-31T23:59:59+08:00") {
  statsSeries(from: $from, to: $to, interval: MONTH) {
    start
    end
    stats { hazardsFound rectifiedOnSpot hazardsEntered overdue closed onTimeRate repeatHazards selfReportShare }
  }
}
`,
  },
  {
    query: `# 一家企业的隐患台账（同 GET /exports/ledger/:id.xlsx）(one enterprise's ledger)
# 先用 enterprises(filter: { search: "e001" }) 查到企业 id，填入下方变量。
query Ledger($enterpriseId: ID!, $from: DateTime = "2026-10-01T00:00:00+08:00", $after: String) {
  hazards(filter: { enterpriseId: $enterpriseId, discoveredFrom: $from }, first: 200, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        discoveredAt title location grade source measures responsiblePerson deadline status closedAt overdue
        photos { phase url }
      }
    }
  }
}
`,
  },
  {
    query: `# 企业考核：得分、名次和每一项的扣分理由 (an assessment, with why points were lost)
query EnterpriseAssessment($from: DateTime! = "2026-10-01T00:00:00+08:00", $to: DateTime! = "2026-12-31T23:59:59+08:00") {
  assessmentScheme(kind: ENTERPRISE) { version items { key label points rule } }
  assessment(kind: ENTERPRISE, from: $from, to: $to) {
    rank
    subjectName
    score
    items { label value points maxPoints explanation }
  }
}
`,
  },
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
