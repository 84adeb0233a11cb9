import json, os
OUT=os.path.dirname(os.path.abspath(__file__))
def T(zh,en): return {"zh":zh,"en":en}
def ind(id,zh,en,kind,unit,source,weight,rubric,std=None,vr=None,min_sample=None,raters=None):
    d={"id":id,"name":T(zh,en),"kind":kind,"unit":unit,"source":source}
    if std: d["standard"]=T(*std)
    if vr: d["valid_range"]=vr
    if min_sample is not None: d["min_sample"]=min_sample
    if raters: d["raters"]=raters
    d["weight"]=weight; d["rubric"]=rubric; return d
def bands_hi(steps,otherwise): return {"type":"bands","direction":"higher_better","steps":[{"at_least":a,"score":s} for a,s in steps],"otherwise":otherwise}
def bands_lo(steps,otherwise): return {"type":"bands","direction":"lower_better","steps":[{"at_most":a,"score":s} for a,s in steps],"otherwise":otherwise}
SCALE5={"type":"scale","levels":[
 {"key":"5","label":T("卓越","Outstanding"),"description":T("始终超出期望，可作为团队榜样","Consistently exceeds expectations; a model for the team"),"score":"100"},
 {"key":"4","label":T("良好","Good"),"description":T("经常超出期望，偶有改进空间","Often exceeds expectations; minor room to improve"),"score":"85"},
 {"key":"3","label":T("达标","Meets"),"description":T("满足岗位要求","Meets the role's requirements"),"score":"70"},
 {"key":"2","label":T("待改进","Below"),"description":T("部分场合未达要求，需辅导","Falls short at times; needs coaching"),"score":"50"},
 {"key":"1","label":T("不达标","Unsatisfactory"),"description":T("经常未达要求","Regularly falls short"),"score":"0"}]}
def raters(groups,trim=0): return {"groups":[{"id":g,"weight":w,"min_raters":m} for g,w,m in groups],"trim":trim}
attendance=lambda w: ind("attendance","出勤率","Attendance rate","quantitative","percent","internal",w,
  bands_hi([("99","100"),("97","90"),("95","80"),("90","60")],"0"),
  std=("实际出勤天数 ÷ 应出勤天数 × 100%，考勤系统按月统计，迟到早退三次折算缺勤一天","Days present ÷ scheduled days × 100%, from the time-keeping system monthly; three late arrivals or early leaves count as one absent day"),vr=["0","100"])
task=lambda w: ind("task_completion","任务完成率","Task completion rate","quantitative","percent","service_desk",w,
  {"type":"piecewise","points":[["80","0"],["90","60"],["100","100"]]},
  std=("按时完成的分派任务数 ÷ 分派任务总数 × 100%；低于 90% 扣分明显","Assigned tasks finished on time ÷ tasks assigned × 100%; below 90% the score drops steeply"),vr=["0","100"])
def comm(w,groups): return ind("communication","沟通能力","Communication skills","qualitative","rating","rater",w,SCALE5,
  std=("上级与同事按行为锚定等级（1–5）评价：表达清晰、倾听、共情","Supervisor and peers rate on behaviour-anchored levels 1–5: clarity, listening, empathy"),raters=raters(groups))
def attitude(w,groups,trim=0): return ind("service_attitude","服务态度","Service attitude","qualitative","rating","rater",w,SCALE5,
  std=("按行为锚定等级（1–5）评价：主动、耐心、礼貌、责任心","Rated on behaviour-anchored levels 1–5: initiative, patience, courtesy, ownership"),raters=raters(groups,trim))
csat=lambda w,ms: ind("csat","客户满意度","Customer satisfaction (CSAT)","quantitative","percent","survey",w,
  {"type":"linear","zero_at":"70","full_at":"95"},
  std=("满意及非常满意的回访问卷 ÷ 有效问卷 × 100%%；有效问卷少于 %d 份不计分"%ms,"Satisfied or very satisfied survey answers ÷ valid surveys × 100%%; fewer than %d valid surveys: not applicable"%ms),vr=["0","100"],min_sample=ms)
complaints=lambda w: ind("complaints","有效投诉","Valid complaints","quantitative","count","service_desk",w,
  {"type":"deduction","per_unit":"25","floor":"0"},
  std=("经核实的有效客户投诉次数，每次扣 25 分","Customer complaints found valid on review; 25 points off each"))
feedback=lambda w: ind("feedback_closure","反馈闭环率","Feedback closure rate","quantitative","percent","service_desk",w,
  bands_hi([("98","100"),("90","80"),("80","60")],"30"),
  std=("在 5 个工作日内回复并关闭的客户反馈 ÷ 收到的反馈 × 100%","Customer feedback answered and closed within 5 working days ÷ feedback received × 100%"),vr=["0","100"])
escal=lambda w: ind("escalation_time","升级问题处理时长","Escalation handling time","quantitative","hours","service_desk",w,
  bands_lo([("4","100"),("8","80"),("24","60")],"20"),
  std=("升级工单从受理到解决的平均小时数","Mean hours from accepting an escalated ticket to resolving it"),vr=["0","720"])
GRADES=[{"id":"S","name":T("卓越","Outstanding"),"min":"95"},{"id":"A","name":T("优秀","Excellent"),"min":"85"},
 {"id":"B","name":T("良好","Good"),"min":"70"},{"id":"C","name":T("合格","Satisfactory"),"min":"60"},{"id":"D","name":T("待改进","Needs improvement"),"min":"0"}]
ADJ=[{"id":"commendation","name":T("客户表扬","Customer commendation"),"event":"commendation","points_per_unit":"2","cap":"6"},
 {"id":"adopted_suggestion","name":T("合理化建议被采纳","Improvement suggestion adopted"),"event":"adopted_suggestion","points_per_unit":"1","cap":"3"},
 {"id":"discipline","name":T("违反劳动纪律","Breach of work discipline"),"event":"discipline_breach","points_per_unit":"-5","cap":"15"}]
VETO=[{"id":"serious_complaint","name":T("重大有效投诉","Serious valid complaint"),"when":{"event":"serious_complaint","at_least":1},"effect":{"type":"cap_grade","grade":"C"}},
 {"id":"data_breach","name":T("泄露客户信息","Disclosure of customer data"),"when":{"event":"data_breach","at_least":1},"effect":{"type":"zero_total"}},
 {"id":"low_attendance","name":T("出勤严重不足","Severely low attendance"),"when":{"indicator":"attendance","op":"<","value":"85"},"effect":{"type":"zero_category","category":"basic_work"}}]
def scheme(id,zh,en,roles,cats):
    return {"$schema":"../../../../../schemas/scheme.schema.json","format":"appraisal-scheme/1","id":id,"version":"2026.1","name":T(zh,en),"roles":roles,"period":"quarter",
      "effective":{"from":"2026-01-01"},"rounding":{"dp":2,"mode":"half_up","money_dp":2},
      "missing":{"policy":"renormalize","min_coverage":"70"},"categories":cats,"adjustments":ADJ,"vetoes":VETO,
      "total":{"ceiling":"100","adjustment_min":"-20","adjustment_max":"10"},"grades":GRADES}
def cat(id,zh,en,w,inds): return {"id":id,"name":T(zh,en),"weight":w,"indicators":inds}
csr=scheme("csr-quarterly","客服代表季度绩效考核","Customer service representative quarterly appraisal",["csr"],[
 cat("basic_work","基础工作","Basic work","20",[attendance("30"),task("30"),
   ind("timeliness","及时响应率","Timely response rate","quantitative","percent","service_desk","20",{"type":"linear","zero_at":"60","full_at":"90"},
     std=("20 秒内接起的来电及 1 分钟内首次回复的在线会话 ÷ 全部来电与会话 × 100%","Calls answered within 20 s and chats first answered within 1 min ÷ all calls and chats × 100%"),vr=["0","100"]),
   ind("work_quality","工作质量","Work quality","quantitative","score","internal","20",{"type":"direct"},
     std=("班组长按月对工单记录与知识库使用做内部复核的平均分（0–100）","Team lead's monthly internal review of ticket notes and knowledge-base use, mean score 0–100"))]),
 cat("service_quality","服务质量","Service quality","35",[
   ind("qa_score","质检得分","Quality assurance score","quantitative","score","qa","35",{"type":"linear","zero_at":"60","full_at":"95"},
     std=("质检组按评分表抽检通话与会话的平均分；抽检少于 5 通不计分","Mean score of calls and chats sampled by the QA team on the QA form; fewer than 5 sampled: not applicable"),vr=["0","100"],min_sample=5),
   ind("aht","平均处理时长","Average handle time","quantitative","seconds","service_desk","20",{"type":"piecewise","points":[["120","60"],["240","100"],["420","100"],["720","0"]]},
     std=("通话时长＋保持时长＋话后处理时长的平均秒数；240–420 秒为目标区间，过短可能意味着未解决问题","Mean seconds of talk + hold + after-call work; 240–420 s is the target band, much shorter suggests unresolved contacts"),vr=["0","7200"]),
   comm("25",[("supervisor","60",1),("peer","40",2)]),
   attitude("20",[("supervisor","70",1),("peer","30",2)])]),
 cat("customer_satisfaction","客户满意度","Customer satisfaction","25",[csat("60",30),complaints("40")]),
 cat("problem_handling","问题处理与反馈","Problem handling and feedback","20",[
   ind("fcr","首次解决率","First contact resolution","quantitative","percent","service_desk","40",{"type":"ratio","target":"85","direction":"higher_better"},
     std=("首次接触即解决、7 天内无重复来电的问题 ÷ 全部问题 × 100%；目标 85%","Issues resolved at first contact with no repeat within 7 days ÷ all issues × 100%; target 85%"),vr=["0","100"]),
   escal("30"),feedback("30")])])
tech=scheme("tech-support-quarterly","技术支持季度绩效考核","Technical support quarterly appraisal",["tech_support"],[
 cat("basic_work","基础工作","Basic work","15",[attendance("40"),task("40"),
   ind("knowledge_articles","知识库贡献","Knowledge-base contributions","quantitative","count","internal","20",bands_hi([("6","100"),("3","80"),("1","60")],"30"),
     std=("本季度通过审核的知识库文章篇数","Knowledge-base articles approved this quarter"))]),
 cat("service_quality","服务质量","Service quality","35",[
   ind("technical_accuracy","技术方案准确率","Technical accuracy","quantitative","percent","qa","35",{"type":"linear","zero_at":"70","full_at":"98"},
     std=("复核无误的技术方案 ÷ 抽检方案 × 100%；抽检少于 10 份不计分","Solutions found correct on review ÷ solutions sampled × 100%; fewer than 10 sampled: not applicable"),vr=["0","100"],min_sample=10),
   ind("resolution_time","平均解决时长","Mean time to resolve","quantitative","hours","service_desk","25",{"type":"piecewise","points":[["8","100"],["24","80"],["72","0"]]},
     std=("工单从创建到解决的平均小时数","Mean hours from ticket creation to resolution"),vr=["0","2000"]),
   ind("certification","岗位技能认证","Role certification","quantitative","boolean","internal","15",{"type":"pass_fail","pass":"100","fail":"40"},
     std=("本年度岗位技能认证是否有效","Whether the role's skills certification is valid this year")),
   comm("25",[("supervisor","50",1),("peer","50",2)])]),
 cat("customer_satisfaction","客户满意度","Customer satisfaction","20",[csat("70",20),complaints("30")]),
 cat("problem_handling","问题处理与反馈","Problem handling and feedback","30",[
   ind("fcr","一次解决率","First-time fix rate","quantitative","percent","service_desk","35",{"type":"ratio","target":"75","direction":"higher_better"},
     std=("无需再次处理即关闭的工单 ÷ 全部工单 × 100%；目标 75%","Tickets closed without rework ÷ all tickets × 100%; target 75%"),vr=["0","100"]),
   ind("reopen_rate","工单重开率","Ticket reopen rate","quantitative","percent","service_desk","25",{"type":"ratio","target":"5","direction":"lower_better"},
     std=("30 天内重开的工单 ÷ 关闭的工单 × 100%；目标不高于 5%","Tickets reopened within 30 days ÷ tickets closed × 100%; target at most 5%"),vr=["0","100"]),
   escal("20"),feedback("20")])])
am=scheme("account-manager-quarterly","客户关系经理季度绩效考核","Customer relationship manager quarterly appraisal",["account_manager"],[
 cat("basic_work","基础工作","Basic work","15",[attendance("40"),task("30"),
   ind("crm_completeness","客户档案完整率","CRM record completeness","quantitative","percent","internal","30",{"type":"linear","zero_at":"70","full_at":"100"},
     std=("必填字段完整的客户档案 ÷ 负责客户数 × 100%","Customer records with every required field ÷ customers owned × 100%"),vr=["0","100"])]),
 cat("service_quality","服务质量","Service quality","30",[
   ind("visit_plan","客户回访计划完成率","Customer visit plan completion","quantitative","percent","internal","35",{"type":"ratio","target":"100","direction":"higher_better"},
     std=("完成的计划回访 ÷ 计划回访 × 100%","Planned customer visits done ÷ planned × 100%"),vr=["0","200"]),
   comm("35",[("supervisor","50",1),("peer","20",2),("customer","30",3)]),
   ind("professionalism","专业素养","Professionalism","qualitative","rating","rater","30",SCALE5,
     std=("上级与客户按行为锚定等级评价：产品知识、方案能力、守信","Supervisor and customers rate on anchored levels: product knowledge, solutions, reliability"),
     raters=raters([("supervisor","60",1),("customer","40",3)],trim=1))]),
 cat("customer_satisfaction","客户满意度","Customer satisfaction","35",[csat("40",10),
   ind("retention","客户保有率","Customer retention","quantitative","percent","internal","40",{"type":"piecewise","points":[["80","0"],["90","70"],["97","100"]]},
     std=("期末仍在合作的客户 ÷ 期初客户 × 100%","Customers still active at period end ÷ customers at period start × 100%"),vr=["0","100"]),
   complaints("20")]),
 cat("problem_handling","问题处理与反馈","Problem handling and feedback","20",[
   ind("issue_resolution_days","客户问题解决天数","Customer issue resolution days","quantitative","days","service_desk","50",bands_lo([("2","100"),("5","80"),("10","60")],"20"),
     std=("客户提出问题到解决的平均工作日","Mean working days from a customer raising an issue to its resolution"),vr=["0","365"]),
   feedback("50")])])
for name,s in [("csr",csr),("tech_support",tech),("account_manager",am)]:
    for c in s["categories"]:
        assert sum(float(i["weight"]) for i in c["indicators"])==100,(name,c["id"])
    assert sum(float(c["weight"]) for c in s["categories"])==100
    open(os.path.join(OUT,name+".json"),"w").write(json.dumps(s,ensure_ascii=False,indent=1)+"\n")
print("ok")
