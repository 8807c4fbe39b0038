import { AssessmentPeriodRecord, AssessmentSchemeVersion } from '../modules/assessment/assessment.entity.js';
import { Alert } from '../modules/alert/alert.entity.js';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';
import { AuthSession } from '../modules/auth/auth-session.entity.js';
import { LoginThrottle } from '../modules/auth/login-throttle.entity.js';
import { User } from '../modules/auth/user.entity.js';
import { BaseEntity } from '../modules/common/base.entity.js';
import { Department } from '../modules/department/department.entity.js';
import { Enterprise } from '../modules/enterprise/enterprise.entity.js';
import { LoginEvent } from '../modules/enterprise/login-event.entity.js';
import { EnforcementAction } from '../modules/enforcement/enforcement.entity.js';
import { EventRecord } from '../modules/event/event-record.entity.js';
import { ExtensionRequest } from '../modules/extension/extension-request.entity.js';
import { Hazard } from '../modules/hazard/hazard.entity.js';
import { IdempotentRequest } from '../modules/field/idempotent-request.entity.js';
import { Inspection, InspectionFinding } from '../modules/inspection/inspection.entity.js';
import { Photo } from '../modules/photo/photo.entity.js';
import { KioskLink } from '../modules/kiosk/kiosk-link.entity.js';
import { Township } from '../modules/township/township.entity.js';
import { Delivery } from '../modules/delivery/delivery.entity.js';
import { Bulletin } from '../modules/reminders/bulletin.entity.js';
import { WeeklyDispatch } from '../modules/reminders/weekly-dispatch.entity.js';
import { DailySnapshot } from '../modules/snapshot/daily-snapshot.entity.js';
import { EnterpriseImport } from '../modules/import/enterprise-import.entity.js';
import { CheckTask } from '../modules/risk/check-task.entity.js';
import { SupervisionClassChange, SupervisionStanding } from '../modules/supervision/supervision-standing.entity.js';
import { ControlMeasure } from '../modules/risk/control-measure.entity.js';
import { RiskLevelChange, RiskPoint } from '../modules/risk/risk-point.entity.js';

/** Every entity, listed rather than discovered by folder, so that the source and the build agree. */
export const ENTITIES = [
  BaseEntity,
  Township,
  Department,
  User,
  AuthSession,
  LoginThrottle,
  Enterprise,
  LoginEvent,
  Hazard,
  AuditEntry,
  EventRecord,
  Alert,
  Photo,
  KioskLink,
  ExtensionRequest,
  Inspection,
  InspectionFinding,
  EnforcementAction,
  DailySnapshot,
  WeeklyDispatch,
  Bulletin,
  Delivery,
  EnterpriseImport,
  IdempotentRequest,
  AssessmentSchemeVersion,
  AssessmentPeriodRecord,
  RiskPoint,
  RiskLevelChange,
  ControlMeasure,
  CheckTask,
  SupervisionStanding,
  SupervisionClassChange,
];
