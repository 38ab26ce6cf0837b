import type { Language } from '../../../core/i18n-text.ts';

/**
 * Every error code the API can send (and the client's own: network, bad_body, http_error), in
 * the reader's words. The server's message is English for developers; the interface shows it
 * only as a details line under these. tests/server/error-catalogue.test.ts reads the server's
 * syntax tree for every code it can throw and checks each has both languages here.
 */
type ErrorText = Record<Language, string>;

export const ERROR_MESSAGES: Record<string, ErrorText> = {
  // Targets, surveys and the towns' comparison
  unknown_town: { zh: '没有这个镇街。', en: 'There is no such town.' },
  unknown_target: { zh: '没有这个目标。', en: 'There is no such target.' },
  target_exists: { zh: '该年度这项指标的目标已设置，请修改原目标。', en: 'This year’s target for the indicator is set already; change it instead.' },
  invalid_year: { zh: '年份无效。', en: 'The year is not valid.' },
  file_missing: { zh: '请选择要上传的文件。', en: 'Choose a file to upload.' },
  // Exports and the project library
  unknown_export_target: { zh: '没有可导出的这个数据集。', en: 'There is no such dataset to export.' },
  facility_invalid: { zh: '项目建成后新增的设施不符合该图层的要求。', en: 'The facility this project adds does not fit its layer.' },
  demand_not_linkable: { zh: '只能关联已受理或已纳入计划的需求。', en: 'Only accepted or planned demands can be linked to a project.' },
  demand_resolved_by_project: { zh: '该需求已由项目办结，需通过项目撤销。', en: 'This demand was resolved by a project; undo it through the project.' },
  unknown_project: { zh: '没有这个项目。', en: 'There is no such project.' },
  date_in_future: { zh: '日期不能晚于今天。', en: 'The date cannot be later than today.' },
  phase_not_allowed: { zh: '您的角色不能把项目推进到这个阶段。', en: 'Your role cannot move the project to this phase.' },
  date_before_phase: { zh: '日期早于项目进入当前阶段的日期。', en: 'The date is before the project entered its current phase.' },
  project_not_editable: { zh: '项目已批准，只有区发展改革委可以修改。', en: 'The project has been approved; only the commission may change it now.' },
  manager_only_field: { zh: '只有区发展改革委可以设置公示和机会清单。', en: 'Only the commission may set publication and the opportunity list.' },
  facility_geometry_mismatch: { zh: '设施的几何类型与该图层不符。', en: 'The facility’s shape does not match its layer.' },
  invalid_parent: { zh: '这个上级项目不能使用。', en: 'This parent project cannot be used.' },
  unknown_parent: { zh: '没有这个上级项目。', en: 'There is no such parent project.' },
  nested_package: { zh: '项目包只能有一级。', en: 'Project packages are one level deep.' },
  project_completed: { zh: '项目已竣工，不能修改位置、设施或需求。', en: 'The project is completed; its place, facility and demands cannot change.' },
  project_cancelled: { zh: '项目已取消。', en: 'The project has been cancelled.' },
  not_deletable: { zh: '只有尚在申报的项目可以删除，其他请取消。', en: 'Only a proposal can be deleted; cancel the others.' },
  has_parts: { zh: '该项目包含子项目，不能删除。', en: 'This project has parts and cannot be deleted.' },
  // The client's own
  network: { zh: '无法连接服务器，请检查网络后重试。', en: 'The server could not be reached; check the connection and try again.' },
  bad_body: { zh: '服务器的回应无法读取。', en: 'The server’s answer could not be read.' },
  http_error: { zh: '服务器返回了错误。', en: 'The server answered with an error.' },
  failed: { zh: '操作失败。', en: 'The operation failed.' },
  // The app's fallbacks and start-up
  not_found: { zh: '没有这个地址。', en: 'There is nothing at this address.' },
  internal: { zh: '服务器内部错误，请稍后再试。', en: 'Something went wrong on the server; please try again later.' },
  database_unavailable: { zh: '数据库暂时无法连接，请稍后再试。', en: 'The database cannot be reached just now; try again shortly.' },
  not_ready: { zh: '服务器正在启动，请稍候。', en: 'The server is still starting; please wait a moment.' },
  route_not_declared: { zh: '该功能尚未开放访问。', en: 'This function has no access rule yet.' },
  cross_site_request: { zh: '来自其他网站的请求被拒绝。', en: 'A request from another site was refused.' },
  // Requests
  invalid_json: { zh: '请求内容不是有效的 JSON。', en: 'The request is not valid JSON.' },
  invalid_request: { zh: '请求内容有误。', en: 'The request is not valid.' },
  invalid_encoding: { zh: '文件编码无法识别。', en: 'The file’s encoding cannot be read.' },
  invalid_parameter: { zh: '参数有误。', en: 'A parameter is not valid.' },
  unknown_parameter: { zh: '有不认识的参数。', en: 'A parameter is not known.' },
  invalid_format: { zh: '不支持这种格式。', en: 'This format is not offered.' },
  invalid_mode: { zh: '不支持这种距离计算方式。', en: 'This distance mode is not offered.' },
  invalid_query: { zh: '搜索内容有误。', en: 'The search is not valid.' },
  invalid_code: { zh: '编码格式有误。', en: 'The code is not valid.' },
  invalid_tile: { zh: '瓦片编号有误。', en: 'The tile address is not valid.' },
  body_too_large: { zh: '请求内容太大。', en: 'The request is too large.' },
  unsupported_media_type: { zh: '请以 CSV 文件上传。', en: 'Send the file as CSV.' },
  unsupported_charset: { zh: '文件编码请用 UTF-8 或 GB18030。', en: 'Use UTF-8 or GB18030 for the file.' },
  unsupported_crs: { zh: '不支持这个坐标参照系。', en: 'This coordinate reference system is not offered.' },
  export_too_large: { zh: '导出的记录太多，请缩小范围。', en: 'Too many records to export; narrow the selection.' },
  import_refused: { zh: '导入被拒绝。', en: 'The import was refused.' },
  // Imports of files
  upload_too_large: { zh: '上传的文件太大，请拆分后再导入。', en: 'The upload is too large; split the file.' },
  invalid_upload: { zh: '上传内容不完整：需要文件和导入目标。', en: 'The upload needs a file and a target.' },
  invalid_import_option: { zh: '坐标系或编码参数有误。', en: 'The coordinate system or encoding given is not valid.' },
  unknown_import: { zh: '这次导入已提交、已取消或已过期。', en: 'This import was committed, dropped or has expired.' },
  unknown_import_target: { zh: '没有这个导入目标。', en: 'There is no such place to import into.' },
  import_not_allowed: { zh: '您的角色不能导入到这里。', en: 'Your role does not import into this.' },
  unsupported_import_format: { zh: '不支持这种文件格式。', en: 'This file format is not read.' },
  file_not_as_named: { zh: '文件内容与文件名所示的格式不符。', en: 'The file is not what its name says.' },
  shapefile_incomplete: { zh: 'Shapefile 缺少 .dbf 或 .shx 文件。', en: 'The shapefile lacks its .dbf or .shx.' },
  shapefile_without_prj: { zh: 'Shapefile 缺少 .prj，请补上或指定坐标系。', en: 'The shapefile has no .prj; add it or name the coordinate system.' },
  empty_archive: { zh: '压缩包中没有可导入的数据。', en: 'The zip holds nothing to import.' },
  nested_archive: { zh: '压缩包中还有压缩包，请解压后再打包。', en: 'The zip holds another archive; zip the files themselves.' },
  archive_too_large: { zh: '压缩包解压后过大（疑似压缩炸弹）。', en: 'The zip expands too far (a zip bomb?).' },
  // Another district
  district_refused: { zh: '辖区数据未通过检查，未做任何更改。', en: 'The district was refused; nothing was changed.' },
  district_file_unreadable: { zh: '辖区文件无法读取。', en: 'A district file cannot be read.' },
  unreadable_file: { zh: '无法读取该文件。', en: 'The file cannot be read.' },
  swapped_coordinates: { zh: '经度和纬度似乎写反了。', en: 'Longitude and latitude look swapped.' },
  unknown_crs: { zh: '无法识别坐标系，请指定。', en: 'The coordinate system cannot be told; name it.' },
  empty_file: { zh: '文件中没有要素。', en: 'The file holds no features.' },
  too_many_features: { zh: '要素太多，请拆分文件。', en: 'Too many features; split the file.' },
  mixed_geometry_types: { zh: '文件中混有不同类型的几何图形。', en: 'The file mixes kinds of shape.' },
  wrong_geometry_type: { zh: '几何类型与目标图层不符。', en: 'The shapes do not match the target layer.' },
  invalid_mapping: { zh: '字段对应关系有误。', en: 'The field mapping is not valid.' },
  import_has_invalid_rows: { zh: '有无效的行，未导入任何数据。', en: 'Some rows are invalid; nothing was imported.' },
  import_conflict: { zh: '数据与现有记录冲突，未导入任何数据。', en: 'The rows conflict with existing records; nothing was imported.' },
  // Accounts and sessions
  no_session: { zh: '请先登录。', en: 'Please sign in first.' },
  sign_in_required: { zh: '请先登录。', en: 'Please sign in first.' },
  sign_in_failed: { zh: '用户名或密码不正确。', en: 'The username or password is not right.' },
  too_many_attempts: { zh: '尝试次数过多，请稍后再试。', en: 'Too many attempts; try again later.' },
  role_not_allowed: { zh: '您的角色无权进行此操作。', en: 'Your role may not do this.' },
  out_of_scope: { zh: '这不在您的管辖范围内。', en: 'This is outside your area.' },
  unknown_user: { zh: '没有这个用户。', en: 'There is no such user.' },
  username_taken: { zh: '用户名已被占用。', en: 'That username is taken.' },
  cannot_demote_self: { zh: '不能降低自己的角色。', en: 'You cannot lower your own role.' },
  // Records and writes
  if_match_required: { zh: '缺少版本信息，请重新加载后再改。', en: 'The version is missing; reload and edit again.' },
  invalid_if_match: { zh: '版本信息有误，请重新加载后再改。', en: 'The version is not valid; reload and edit again.' },
  version_conflict: { zh: '记录已被他人修改，请重新加载。', en: 'Someone else changed this record; reload it.' },
  empty_change: { zh: '没有任何修改。', en: 'Nothing was changed.' },
  not_editable: { zh: '这个图层不能编辑。', en: 'This layer cannot be edited.' },
  unknown_layer: { zh: '没有这个图层。', en: 'There is no such layer.' },
  collection_not_found: { zh: '没有这个数据集。', en: 'There is no such collection.' },
  unknown_feature: { zh: '没有这个要素。', en: 'There is no such feature.' },
  feature_not_found: { zh: '该要素已不存在。', en: 'This feature no longer exists.' },
  unknown_property: { zh: '有不认识的属性。', en: 'A property is not known.' },
  invalid_geometry: { zh: '几何图形有误。', en: 'The geometry is not valid.' },
  outside_district: { zh: '该位置在区界之外。', en: 'This place is outside the district.' },
  no_community: { zh: '该位置不在任何社区内。', en: 'This place is in no community.' },
  no_district: { zh: '尚未载入区界。', en: 'No district boundary is loaded.' },
  unknown_community: { zh: '没有这个社区。', en: 'There is no such community.' },
  unknown_place: { zh: '没有这个地点。', en: 'There is no such place.' },
  // Demands
  unknown_demand: { zh: '没有这条诉求。', en: 'There is no such request.' },
  unknown_receipt: { zh: '没有这个回执码。', en: 'No request has this receipt code.' },
  unknown_type: { zh: '没有这个诉求类型。', en: 'There is no such request type.' },
  type_exists: { zh: '该诉求类型已存在。', en: 'This request type exists already.' },
  type_in_use: { zh: '该诉求类型正在使用。', en: 'This request type is in use.' },
  type_retired: { zh: '该诉求类型已停用。', en: 'This request type is retired.' },
  type_not_in_optimization: { zh: '该诉求类型不属于所选的优化方向。', en: 'This request type is not in the chosen optimization.' },
  invalid_transition: { zh: '诉求当前状态下不能这样处理。', en: 'The request cannot move to that status from where it is.' },
  project_required: { zh: '诉求须由项目关联后才能列为“已规划”，请在项目库中关联。', en: 'A request becomes planned when a project links it: link it from the project library.' },
  reason_required: { zh: '请填写原因。', en: 'Please give a reason.' },
  reason_without_rejection: { zh: '只有驳回时才填写原因。', en: 'A reason goes only with a rejection.' },
  merged_into_required: { zh: '请选择要合并到的诉求。', en: 'Choose the request to merge into.' },
  merged_into_without_merge: { zh: '只有合并时才选择目标诉求。', en: 'A merge target goes only with a merge.' },
  merge_into_self: { zh: '不能合并到自身。', en: 'A request cannot be merged into itself.' },
  unknown_merge_target: { zh: '要合并到的诉求不存在。', en: 'The request to merge into does not exist.' },
  merge_target_unavailable: { zh: '要合并到的诉求已不能接受合并。', en: 'The request to merge into can no longer take a merge.' },
  already_supported: { zh: '您已附议过这条诉求。', en: 'You have supported this request already.' },
  supporter_required: { zh: '请说明附议人。', en: 'Say who supports the request.' },
  source_staff_only: { zh: '只有工作人员可以录入这种来源。', en: 'Only staff may record this source.' },
  too_many_submissions: { zh: '提交过于频繁，请稍后再试。', en: 'Too many submissions; try again later.' },
  town_required: { zh: '请选择镇街。', en: 'Choose a town.' },
  town_not_allowed: { zh: '这里不能选择镇街。', en: 'A town cannot be chosen here.' },
  communities_required: { zh: '请选择社区。', en: 'Choose the communities.' },
  communities_not_allowed: { zh: '这里不能选择社区。', en: 'Communities cannot be chosen here.' },
  // Analysis
  radius_required: { zh: '请给出服务距离。', en: 'Give a service distance.' },
  invalid_radii: { zh: '服务距离有误。', en: 'The service distances are not valid.' },
  not_a_facility_layer: { zh: '这个图层不是设施图层。', en: 'This layer is not a facility layer.' },
  coverage_too_large: { zh: '计算范围太大，请缩小距离或范围。', en: 'The computation is too large; use a shorter distance or a smaller area.' },
  off_network: { zh: '该位置附近没有步行道路。', en: 'There is no walking road near this place.' },
  // Siting
  missing_problem: { zh: '缺少选址问题。', en: 'The siting problem is missing.' },
  conflicting_inputs: { zh: '选址输入相互矛盾。', en: 'The siting inputs contradict each other.' },
  p_required: { zh: '请给出新建数量 p。', en: 'Give the number of new sites p.' },
  p_too_large: { zh: '新建数量 p 超过了候选地点数。', en: 'p is larger than the number of candidates.' },
  no_candidates: { zh: '没有候选地点。', en: 'There are no candidate sites.' },
  too_many_candidates: { zh: '候选地点太多。', en: 'There are too many candidate sites.' },
  duplicate_candidate: { zh: '候选地点编号重复。', en: 'A candidate id appears twice.' },
  duplicate_demand: { zh: '需求点编号重复。', en: 'A demand id appears twice.' },
  unknown_fixed: { zh: '指定保留的地点不在候选中。', en: 'A fixed site is not among the candidates.' },
  no_capacity_column: { zh: '这个图层没有容量字段。', en: 'This layer has no capacity field.' },
  capacity_needs_mclp: { zh: '容量约束只用于最大覆盖模型。', en: 'Capacities go only with the maximal covering model.' },
  capacities_shape: { zh: '容量数量与候选地点数不一致。', en: 'The capacities do not match the candidates.' },
  invalid_matrix: { zh: '距离矩阵有误。', en: 'The distance matrix is not valid.' },
  empty_matrix: { zh: '距离矩阵为空。', en: 'The distance matrix is empty.' },
  matrix_shape: { zh: '距离矩阵的行数与候选地点数不一致。', en: 'The distance matrix’s rows do not match the candidates.' },
  ragged_matrix: { zh: '距离矩阵各行长度不一致。', en: 'The distance matrix’s rows differ in length.' },
  matrix_too_large: { zh: '距离矩阵太大。', en: 'The distance matrix is too large.' },
  invalid_job_id: { zh: '任务编号有误。', en: 'The job id is not valid.' },
  unknown_job: { zh: '没有这个选址任务。', en: 'There is no such siting job.' },
  job_not_done: { zh: '选址任务尚未完成。', en: 'The siting job has not finished.' },
  job_finished: { zh: '选址任务已经结束。', en: 'The siting job has finished already.' },
  job_lost: { zh: '选址任务中断，请重新运行。', en: 'The siting job stopped; run it again.' },
  solver_failed: { zh: '求解器出错。', en: 'The solver failed.' },
};

export interface DescribedError {
  /** In the reader's language. */
  text: string;
  /** The server's own words (English, for whoever reports the problem), when they say more. */
  details?: string;
}

/** A failure in words: the code's message, with the raw message kept as a details line. */
export function describeError(language: Language, error: unknown): DescribedError {
  const code = (error as { code?: unknown } | undefined)?.code;
  const raw = error instanceof Error ? error.message : String(error);
  if (typeof code !== 'string') return { text: raw };
  // A code this client does not know yet (a newer server): the general words, the server's below.
  const known = ERROR_MESSAGES[code] ?? ERROR_MESSAGES.http_error;
  return { text: known[language], details: code === 'network' ? undefined : raw };
}
