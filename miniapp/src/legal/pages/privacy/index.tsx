import { Text, View } from '@tarojs/components';
import { OPERATOR_NAME } from '../../../config';
import './index.css';

interface Section {
  title: string;
  paragraphs: string[];
}

const SECTIONS: Section[] = [
  {
    title: '一、我们收集哪些信息',
    paragraphs: [
      '1. 微信登录标识（openid）：您在微信中登录时，我们通过微信获取您在本小程序中的唯一标识，用于识别店主和管理员身份。我们不获取您的手机号、通讯录或位置。',
      '2. 店主上传的照片：店主在编辑店铺时从相册或相机选择的照片，会在手机上压缩后上传，并在店铺页面公开展示。',
      '3. 扫码次数：您扫描店铺二维码时，我们记录被扫描的店铺、扫描时间，以及存放在您手机本地的一个随机访客编号。该编号与您的微信身份无关，仅用于统计店铺的访问人数。',
    ],
  },
  {
    title: '二、我们为什么收集',
    paragraphs: [
      '登录标识用于确认您是否有权编辑某个店铺；照片用于向游客展示店铺；扫码次数用于向店主和主管部门提供浏览量、访客数等统计，帮助改进街区服务。',
    ],
  },
  {
    title: '三、我们保存多久',
    paragraphs: [
      '1. 微信登录标识：保存至您申请注销账号为止。退出登录会结束当前登录状态，但不会删除账号。',
      '2. 店铺照片：保存至店主删除该照片或店铺停止展示为止。',
      '3. 扫码记录：保存在服务器上，仅用于按日汇总浏览量和访客数，不用于识别个人。',
      '如需删除您的账号或相关数据，请联系运营方。',
    ],
  },
  {
    title: '四、信息的使用与共享',
    paragraphs: [
      '我们不会出售您的信息，也不会将其用于本指引以外的用途。除法律法规要求外，我们不会向第三方提供您的信息。',
    ],
  },
  {
    title: '五、相册和相机权限',
    paragraphs: [
      '只有在店主主动上传店铺照片或保存店铺小程序码时，小程序才会请求访问相册或相机，且会先请您同意本指引。您可以随时在微信的小程序设置中关闭这些权限。',
    ],
  },
  {
    title: '六、运营方与联系方式',
    paragraphs: [
      `本小程序由${OPERATOR_NAME}运营。对本指引或您的个人信息有任何疑问、意见或删除请求，请与${OPERATOR_NAME}联系。`,
    ],
  },
];

export default function PrivacyPage() {
  return (
    <View className="page privacy-page">
      <Text className="privacy-page__title">数字乡村隐私保护指引</Text>
      <Text className="privacy-page__lead">
        本指引说明“数字乡村”小程序及其网页版如何收集、使用和保存您的信息。请您在使用前仔细阅读。
      </Text>
      {SECTIONS.map((section) => (
        <View key={section.title} className="privacy-page__section">
          <Text className="privacy-page__heading">{section.title}</Text>
          {section.paragraphs.map((paragraph) => (
            <Text key={paragraph} className="privacy-page__paragraph">
              {paragraph}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
