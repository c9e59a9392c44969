/**
 * Guide section 9: kinds of professional services, plus training (section 1). Plain data without
 * zod, so the widget can list them in its select and the wire schema can validate against them.
 */
export const SERVICES_KINDS = [
  'custom_development',
  'data_migration',
  'custom_reporting',
  'advanced_configuration',
  'quality_assurance',
  'project_management',
  'training',
] as const;
