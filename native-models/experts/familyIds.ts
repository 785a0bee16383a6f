// The names of the model families and of the tasks a user's network can be imported for, on their own so
// the contract can validate them without loading any expert code.
export const familyIds = ['detr', 'yolox', 'yolov5', 'yolov8', 'fastestdet', 'dexined', 'ldc', 'segformer', 'maskformer', 'deeplab', 'dpt', 'metric3d'] as const;
export type FamilyId = (typeof familyIds)[number];

/** The experts a user's network can run as. */
export const familyTasks = ['det', 'edge', 'seg', 'depth', 'normal'] as const;
export type FamilyTask = (typeof familyTasks)[number];
