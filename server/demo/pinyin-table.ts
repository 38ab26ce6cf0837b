// Hand-made pinyin (tone-less) for exactly the characters that occur in the
// 150 community/village names of geodata/nanan/divisions-500108.csv, once the
// administrative suffix (社区居委会, 村委会, ...) is removed. Heteronyms carry the
// reading used in these place names (长 chang, 乐 le, 弹 dan, 堡 bao, 咀 zui).
// It is data, not code: extend it if the frame ever gains new names.
export const PINYIN_BY_CHAR: Readonly<Record<string, string>> = {
  一: 'yi', 上: 'shang', 下: 'xia', 东: 'dong', 中: 'zhong', 临: 'lin', 丹: 'dan',
  乐: 'le', 于: 'yu', 云: 'yun', 五: 'wu', 井: 'jing', 仁: 'ren', 佛: 'fo',
  佳: 'jia', 光: 'guang', 公: 'gong', 六: 'liu', 共: 'gong', 兴: 'xing',
  凉: 'liang', 利: 'li', 力: 'li', 北: 'bei', 华: 'hua', 南: 'nan', 厚: 'hou',
  友: 'you', 双: 'shuang', 口: 'kou', 古: 'gu', 合: 'he', 同: 'tong', 后: 'hou',
  咀: 'zui', 和: 'he', 响: 'xiang', 四: 'si', 回: 'hui', 园: 'yuan', 国: 'guo',
  场: 'chang', 坎: 'kan', 坝: 'ba', 坪: 'ping', 垭: 'ya', 城: 'cheng', 堂: 'tang',
  堡: 'bao', 堰: 'yan', 塘: 'tang', 大: 'da', 天: 'tian', 子: 'zi', 学: 'xue',
  家: 'jia', 富: 'fu', 寺: 'si', 山: 'shan', 岗: 'gang', 岩: 'yan', 峡: 'xia',
  峰: 'feng', 工: 'gong', 平: 'ping', 广: 'guang', 店: 'dian', 府: 'fu',
  庭: 'ting', 康: 'kang', 弹: 'dan', 德: 'de', 惠: 'hui', 慧: 'hui', 放: 'fang',
  敦: 'dun', 文: 'wen', 斗: 'dou', 新: 'xin', 明: 'ming', 星: 'xing', 晓: 'xiao',
  景: 'jing', 月: 'yue', 村: 'cun', 林: 'lin', 柏: 'bai', 桃: 'tao', 桐: 'tong',
  桥: 'qiao', 桷: 'jue', 梓: 'zi', 梯: 'ti', 棠: 'tang', 楼: 'lou', 正: 'zheng',
  武: 'wu', 民: 'min', 水: 'shui', 汇: 'hui', 江: 'jiang', 沙: 'sha', 沟: 'gou',
  沱: 'tuo', 油: 'you', 沿: 'yan', 泉: 'quan', 洞: 'dong', 洲: 'zhou', 流: 'liu',
  济: 'ji', 浩: 'hao', 海: 'hai', 清: 'qing', 渝: 'yu', 渡: 'du', 湖: 'hu',
  湾: 'wan', 溪: 'xi', 满: 'man', 烟: 'yan', 牛: 'niu', 玉: 'yu', 王: 'wang',
  玛: 'ma', 珊: 'shan', 瑙: 'nao', 瑚: 'hu', 田: 'tian', 白: 'bai', 百: 'bai',
  盘: 'pan', 真: 'zhen', 石: 'shi', 福: 'fu', 竹: 'zhu', 紫: 'zi', 红: 'hong',
  纳: 'na', 罗: 'luo', 群: 'qun', 联: 'lian', 胜: 'sheng', 能: 'neng', 腰: 'yao',
  腾: 'teng', 芭: 'ba', 花: 'hua', 苑: 'yuan', 苟: 'gou', 茶: 'cha', 莲: 'lian',
  蕉: 'jiao', 街: 'jie', 裕: 'yu', 西: 'xi', 观: 'guan', 谷: 'gu', 路: 'lu',
  蹇: 'jian', 辅: 'fu', 边: 'bian', 迎: 'ying', 道: 'dao', 里: 'li', 金: 'jin',
  银: 'yin', 镇: 'zhen', 长: 'chang', 门: 'men', 阳: 'yang', 际: 'ji', 隆: 'long',
  雅: 'ya', 雨: 'yu', 顶: 'ding', 颈: 'jing', 风: 'feng', 马: 'ma', 骑: 'qi',
  骡: 'luo', 高: 'gao', 鹤: 'he', 黄: 'huang', 龙: 'long',
};

/** English labels of the 15 towns/subdistricts, keyed by their display name. */
export const TOWN_NAME_EN: Readonly<Record<string, string>> = {
  铜元局街道: 'Tongyuanju Subdistrict',
  花园路街道: 'Huayuanlu Subdistrict',
  南坪街道: 'Nanping Subdistrict',
  海棠溪街道: 'Haitangxi Subdistrict',
  龙门浩街道: 'Longmenhao Subdistrict',
  弹子石街道: 'Danzishi Subdistrict',
  南山街道: 'Nanshan Subdistrict',
  天文街道: 'Tianwen Subdistrict',
  南坪镇: 'Nanping Town',
  涂山镇: 'Tushan Town',
  鸡冠石镇: 'Jiguanshi Town',
  峡口镇: 'Xiakou Town',
  长生桥镇: 'Changshengqiao Town',
  迎龙镇: 'Yinglong Town',
  广阳镇: 'Guangyang Town',
};
