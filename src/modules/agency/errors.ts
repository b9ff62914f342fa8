import { defineErrors } from '../../shared/errors.ts';

export const agencyErrors = defineErrors({
  AGENCY_REQUEST_NOT_FOUND: { status: 404, title: '未找到该代办件' },
  AGENCY_INVALID: { status: 400, title: '代办信息有误' },
  AGENCY_VILLAGE_NOT_COVERED: { status: 403, title: '不是您负责的村' },
  AGENCY_DEVICE_UNKNOWN: { status: 422, title: '代办编号的设备前缀无效' },
  AGENCY_REQUEST_NO_TAKEN: { status: 409, title: '代办编号已被使用' },
  AGENCY_ITEM_NOT_AGENTABLE: { status: 422, title: '该事项不可村级代办' },
  AGENCY_ACT_NOT_ALLOWED: { status: 422, title: '代办件当前状态不能进行此操作' },
  AGENCY_NOT_HOLDER: { status: 409, title: '您已不再持有该代办件' },
  AGENCY_FEE_RECORDED: { status: 422, title: '该代办件已登记过代收费用' },
  AGENCY_AGENT_NOT_FOUND: { status: 404, title: '未找到该村的代办员' },
});
